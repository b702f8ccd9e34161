import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../shared/report/html';
import {
  REPORT_CATALOGUES,
  REPORT_LANGUAGES,
  defaultReportLanguage,
  en,
  formatReportDate,
  type ReportLanguage,
} from '../../../shared/report/i18n';
import { renderReportMarkdown } from '../../../shared/report/markdown';
import { renderReportCsv, CSV_COLUMNS } from '../../../shared/report/csv';
import { pdfFooterTemplate } from '../../../shared/report/print';
import { AR_ARTICLE, buildProjectData, KO_ARTICLE, NOW, RU_ARTICLE, SAMPLE_SETTINGS, TASS_ARTICLE } from './reportSample';

type Key = keyof typeof en;
const KEYS = Object.keys(en) as Key[];

/**
 * Values a language may share with English: proper names and international terms ("URL"), and
 * words the language's own fact-checking press uses exactly as English does (French "Verdict",
 * "Sources"; German "Status", "Logo").
 */
const SAME_AS_ENGLISH: Partial<Record<ReportLanguage, readonly Key[]>> = {
  ru: ['url'],
  de: ['url', 'status', 'logoAlt'],
  fr: ['url', 'verdict', 'verdicts', 'sources', 'logoAlt'],
  es: ['url'],
  ko: ['url'],
};

/** What a value prints: a text as it is, a function (a count or an insertion) with sample arguments. */
function printed(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => string;
    return [0, 1, 2, 3, 5, 11, 21, 100].map((count) => fn(count, String(count), count));
  }
  throw new Error(`unexpected catalogue value ${String(value)}`);
}

describe('report catalogues', () => {
  it('have every key of the English catalogue, and no other', () => {
    for (const language of REPORT_LANGUAGES) {
      const catalogue = REPORT_CATALOGUES[language];
      expect(Object.keys(catalogue).sort(), language).toEqual([...KEYS].sort());
      for (const key of KEYS) {
        expect(typeof catalogue[key], `${language}.${key}`).toBe(typeof en[key]);
        for (const text of printed(catalogue[key])) expect(text.trim(), `${language}.${key}`).not.toBe('');
      }
    }
  });

  it('translate every value: none is left as the English, proper names and shared terms aside', () => {
    const untranslated: string[] = [];
    for (const language of REPORT_LANGUAGES) {
      if (language === 'en') continue;
      const allowed = SAME_AS_ENGLISH[language] ?? [];
      for (const key of KEYS) {
        if (allowed.includes(key)) continue;
        const english = printed(en[key]);
        const translated = printed(REPORT_CATALOGUES[language][key]);
        // Punctuation alone (the colon) is not a word to translate.
        const words = english.some((text) => /\p{L}/u.test(text));
        if (words && translated.some((text, index) => text === english[index])) untranslated.push(`${language}.${key}`);
      }
    }
    expect(untranslated).toEqual([]);
  });

  it('hold no markup: the HTML renderer inserts them as they are', () => {
    for (const language of REPORT_LANGUAGES)
      for (const key of KEYS)
        for (const text of printed(REPORT_CATALOGUES[language][key]))
          expect(text, `${language}.${key}`).not.toMatch(/[<>&"]/);
  });

  it('use the established terms of each language’s fact-checking press', () => {
    const terms = (language: ReportLanguage) => {
      const t = REPORT_CATALOGUES[language];
      return [t.claim, t.verdict, t.sources];
    };
    expect(terms('ru')).toEqual(['Утверждение', 'Вердикт', 'Источники']);
    expect(terms('de')).toEqual(['Behauptung', 'Bewertung', 'Quellen']);
    expect(terms('fr')).toEqual(['Affirmation', 'Verdict', 'Sources']);
    expect(terms('es')).toEqual(['Afirmación', 'Veredicto', 'Fuentes']);
    expect(terms('ar')).toEqual(['الادعاء', 'الحكم', 'المصادر']);
    expect(terms('ko')).toEqual(['주장', '판정', '출처']);
  });

  it('choose plural forms by the language’s rules (Intl.PluralRules)', () => {
    const ru = REPORT_CATALOGUES.ru.claimCount;
    expect([1, 2, 5, 21, 22, 25].map((n) => ru(n))).toEqual([
      '1 утверждение',
      '2 утверждения',
      '5 утверждений',
      '21 утверждение',
      '22 утверждения',
      '25 утверждений',
    ]);
    const ar = REPORT_CATALOGUES.ar.claimCount;
    expect([1, 2, 3, 11, 100].map((n) => ar(n))).toEqual(['ادعاء واحد', 'ادعاءان', '3 ادعاءات', '11 ادعاءً', '100 ادعاء']);
    expect(REPORT_CATALOGUES.en.claimsChecked(1)).toBe('1 claim checked');
    expect(REPORT_CATALOGUES.en.claimsChecked(2)).toBe('2 claims checked');
    expect(REPORT_CATALOGUES.ko.claimCount(1)).toBe('주장 1건');
  });
});

describe('report dates', () => {
  it('are the long form of each language', () => {
    const dates = Object.fromEntries(REPORT_LANGUAGES.map((language) => [language, formatReportDate('2024-05-21', language)]));
    expect(dates).toEqual({
      en: '21 May 2024',
      ru: '21 мая 2024 г.',
      de: '21. Mai 2024',
      fr: '21 mai 2024',
      es: '21 de mayo de 2024',
      ar: '21 مايو 2024',
      ko: '2024년 5월 21일',
    });
    expect(formatReportDate('not a date', 'de')).toBe('not a date');
    expect(formatReportDate('2024-02-30', 'de')).toBe('2024-02-30');
  });
});

describe('the report language', () => {
  it('is by default the language of most of the articles, English when none has a catalogue', () => {
    expect(defaultReportLanguage([{ language: 'ko' }, { language: 'en' }, { language: 'ko-KR' }])).toBe('ko');
    expect(defaultReportLanguage([{ language: 'nb' }, { language: '' }])).toBe('en');
    expect(defaultReportLanguage([])).toBe('en');
    const korean = renderReportHtml(buildProjectData('에너지', [KO_ARTICLE]), SAMPLE_SETTINGS, {}, NOW);
    expect(korean).toContain('<html lang="ko" dir="ltr">');
    const chosen = renderReportHtml(buildProjectData('에너지', [KO_ARTICLE]), SAMPLE_SETTINGS, { language: 'de' }, NOW);
    expect(chosen).toContain('<html lang="de" dir="ltr">');
    expect(chosen).toContain('<h2>Übersicht der Behauptungen</h2>');
  });

  it('sets an Arabic report right to left, in Arabic words, its dates and numbers isolated', () => {
    const html = renderReportHtml(buildProjectData('فحص المياه', [AR_ARTICLE]), SAMPLE_SETTINGS, {}, NOW);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    for (const label of ['ملخص الادعاءات', 'الادعاءات بالتفصيل', 'المصادر', 'التعليل', 'المنهجية', 'مقياس الأحكام'])
      expect(html).toContain(label);
    expect(html).toContain('<th scope="col">الادعاء</th><th scope="col">صاحب الادعاء</th><th scope="col">الحكم</th>');
    // The report's date in the Arabic long form, in an isolated <time>; never "21-05-2024".
    expect(html).toContain('<time datetime="2024-10-25">25 أكتوبر 2024</time>');
    expect(html).toContain('<time datetime="2024-05-21">21 مايو 2024</time>');
    expect(html).not.toMatch(/\d{2}-\d{2}-\d{4}/);
    expect(html).toMatch(/time, bdi \{ unicode-bidi: isolate; \}/);
    expect(html).toMatch(/<span class="claim-no">الادعاء <bdi>\d+<\/bdi><\/span>/);
    // No English label is left.
    for (const english of ['Summary of claims', 'Claimant', 'Rationale', 'Sources', 'Methodology', 'Made with'])
      expect(html, english).not.toContain(english);
  });

  it('sets Korean with keep-all, so lines break between words, never inside one', () => {
    const html = renderReportHtml(buildProjectData('에너지', [KO_ARTICLE]), SAMPLE_SETTINGS, {}, NOW);
    expect(html).toMatch(/:lang\(ko\) \{[^}]*word-break: keep-all;/);
    // .wrap (claims, quotes) would otherwise break anywhere: Korean keeps keep-all there too.
    expect(html).toMatch(/\.wrap:lang\(ko\) \{ word-break: keep-all; \}/);
    expect(html.indexOf('.wrap:lang(ko)')).toBeGreaterThan(html.indexOf('.url, .wrap {'));
    expect(html).toContain('<h2>주장 요약</h2>');
    expect(html).toContain('<time datetime="2025-03-08">2025년 3월 8일</time>');
  });

  it('writes Markdown in the report language, and keeps CSV (a data format) in English', () => {
    const data = buildProjectData('Бюджет', [RU_ARTICLE]);
    const md = renderReportMarkdown(data, SAMPLE_SETTINGS, {}, NOW);
    expect(md).toContain('## Сводка утверждений');
    expect(md).toContain('| # | Утверждение | Автор утверждения | Вердикт | Статус |');
    expect(md).toContain('25 октября 2024 г.');
    expect(md).not.toContain('Summary of claims');
    const csv = renderReportCsv(data, SAMPLE_SETTINGS, {}, NOW);
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe(CSV_COLUMNS.map((column) => `"${column}"`).join(','));
    expect(csv).not.toMatch(/Одобрено|Не проверено|На рассмотрении|В работе/);
  });

  it('keeps English reports as they were', () => {
    const html = renderReportHtml(buildProjectData('Peskov', [TASS_ARTICLE]), SAMPLE_SETTINGS, {}, NOW);
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<h2>Summary of claims</h2>');
    expect(html).toContain('<time datetime="2024-10-25">25 October 2024</time>');
  });

  it('numbers the PDF pages in the report language', () => {
    expect(pdfFooterTemplate('T')).toContain('Page <span class="pageNumber"');
    const arabic = pdfFooterTemplate('T', 'ar');
    expect(arabic).toContain('dir="rtl"');
    expect(arabic).toContain('صفحة <span class="pageNumber"');
    expect(pdfFooterTemplate('T', 'ko')).toMatch(/<span class="pageNumber"[^>]*><\/span> \/ <span class="totalPages"[^>]*><\/span>쪽/);
  });
});
