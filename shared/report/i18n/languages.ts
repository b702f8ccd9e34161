import { z } from 'zod';

/** The languages a report can be written in: each has a catalogue in this folder. */
export const REPORT_LANGUAGES = ['en', 'ru', 'de', 'fr', 'es', 'ar', 'ko'] as const;
export const ReportLanguage = z.enum(REPORT_LANGUAGES);
export type ReportLanguage = z.infer<typeof ReportLanguage>;

/**
 * The Intl locale of each report language, for dates, numbers, lists and plural rules.
 * English is British ("21 October 2024", no serial comma), as reports were before they were
 * translated. Arabic uses Latin digits ("21 مايو 2024"): the figures a report quotes come from the
 * article, and Arabic news sites, the sample article included, write them with Latin digits, so the
 * dates around them match; naming the numbering system keeps it so whatever ICU's default for `ar`.
 */
export const REPORT_LOCALES: Record<ReportLanguage, string> = {
  en: 'en-GB',
  ru: 'ru',
  de: 'de',
  fr: 'fr',
  es: 'es',
  ar: 'ar-u-nu-latn',
  ko: 'ko',
};

export const REPORT_DIRECTIONS: Record<ReportLanguage, 'ltr' | 'rtl'> = {
  en: 'ltr',
  ru: 'ltr',
  de: 'ltr',
  fr: 'ltr',
  es: 'ltr',
  ar: 'rtl',
  ko: 'ltr',
};

/** The report language of an article's language tag ("ko-KR" → "ko"), or null without a catalogue. */
export function reportLanguageOf(tag: string): ReportLanguage | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (REPORT_LANGUAGES as readonly string[]).includes(primary) ? (primary as ReportLanguage) : null;
}

/**
 * The language most of the articles are written in; English when they have no language with a
 * catalogue (or none at all). A tie goes to the language of the earlier article.
 */
export function defaultReportLanguage(articles: readonly { language: string }[]): ReportLanguage {
  const counts = new Map<ReportLanguage, number>();
  for (const article of articles) {
    const language = reportLanguageOf(article.language);
    if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  let best: ReportLanguage = 'en';
  let bestCount = 0;
  for (const [language, count] of counts) {
    if (count > bestCount) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}
