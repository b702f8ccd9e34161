import { ar } from './ar';
import { de } from './de';
import { en, type ReportStrings } from './en';
import { es } from './es';
import { fr } from './fr';
import { ko } from './ko';
import { REPORT_LOCALES, type ReportLanguage } from './languages';
import { ru } from './ru';

export { en, type ReportStrings } from './en';
export {
  REPORT_LANGUAGES,
  REPORT_LOCALES,
  REPORT_DIRECTIONS,
  ReportLanguage,
  defaultReportLanguage,
  reportLanguageOf,
} from './languages';

/** One catalogue per report language (a language without one is a type error here). */
export const REPORT_CATALOGUES: Record<ReportLanguage, ReportStrings> = { en, ru, de, fr, es, ar, ko };

const dateFormats = new Map<ReportLanguage, Intl.DateTimeFormat>();

/**
 * "2024-05-21" in the report's language, in its long form: "21 May 2024", "21 мая 2024 г.",
 * "21 مايو 2024", "2024년 5월 21일". The calendar day is read as written (UTC, no time zone shift);
 * anything that is not a date is returned as it is.
 */
export function formatReportDate(isoDate: string, language: ReportLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || time.getUTCDate() !== day) return isoDate;
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(REPORT_LOCALES[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(language, format);
  }
  return format.format(time);
}

/** A count in the report language's digits. */
export function formatReportNumber(value: number, language: ReportLanguage): string {
  return new Intl.NumberFormat(REPORT_LOCALES[language], { useGrouping: false }).format(value);
}

/** "A, B and C" in the report's language ("A, B и C", "A وB وC", "A, B 및 C"). */
export function formatReportList(items: readonly string[], language: ReportLanguage): string {
  return new Intl.ListFormat(REPORT_LOCALES[language], { type: 'conjunction' }).format(items);
}
