/**
 * The one way the app shows dates, times and numbers (issue 12): the person's choice in Settings
 * ("Date format"), where "System" follows the locale of the system (navigator.language). Every
 * component that shows a date calls these, so history, imports, backups and notes read alike.
 */
import type { DateFormat } from '../../shared/domain';

let preference: DateFormat = 'system';
const listeners = new Set<() => void>();

/** The locale the system reports; undefined lets Intl use its own default. */
export const systemLocale = (): string | undefined =>
  typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;

export function currentDateFormat(): DateFormat {
  return preference;
}

/** Sets the format every later call uses, and tells the components that show dates. */
export function setDateFormat(format: DateFormat): void {
  if (format === preference) return;
  preference = format;
  for (const listener of listeners) listener();
}

export function subscribeDateFormat(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A calendar date (YYYY-MM-DD) is a day, not an instant: read as local midnight, so it is never
 * shown as the day before west of Greenwich.
 */
function toDate(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (date: Date) => `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
const isoTime = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** Intl options per fixed format: the locale is part of the format, not the system's. */
const FIXED: Record<Exclude<DateFormat, 'system' | 'iso'>, { locale: string; date: Intl.DateTimeFormatOptions; time: Intl.DateTimeFormatOptions }> = {
  'day-month-year': { locale: 'en-GB', date: { day: 'numeric', month: 'short', year: 'numeric' }, time: { hour: '2-digit', minute: '2-digit' } },
  'month-day-year': { locale: 'en-US', date: { month: 'short', day: 'numeric', year: 'numeric' }, time: { hour: 'numeric', minute: '2-digit' } },
};

/** The formats offered in Settings, each with an example of how 1 December 2026 reads. */
export const DATE_FORMAT_CHOICES: readonly { value: DateFormat; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'day-month-year', label: '1 Dec 2026' },
  { value: 'month-day-year', label: 'Dec 1, 2026' },
  { value: 'iso', label: '2026-12-01' },
];

/** "1 Dec 2026", "Dec 1, 2026", "2026-12-01" or the system's medium date; a value that is not a date is shown as it is. */
export function formatDate(value: string | Date, format: DateFormat = preference, locale = systemLocale()): string {
  const date = toDate(value);
  if (!date) return typeof value === 'string' ? value : '';
  if (format === 'iso') return isoDay(date);
  if (format === 'system') return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
  const fixed = FIXED[format];
  return new Intl.DateTimeFormat(fixed.locale, fixed.date).format(date);
}

/** The date and the time to the minute, in the same style as formatDate. */
export function formatDateTime(value: string | Date, format: DateFormat = preference, locale = systemLocale()): string {
  const date = toDate(value);
  if (!date) return typeof value === 'string' ? value : '';
  if (format === 'iso') return `${isoDay(date)} ${isoTime(date)}`;
  if (format === 'system') return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  const fixed = FIXED[format];
  return `${formatDate(date, format)}, ${new Intl.DateTimeFormat(fixed.locale, fixed.time).format(date)}`;
}

/** A number with the locale's grouping: 12,345 or 12 345. */
export function formatNumber(value: number, locale = systemLocale()): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** The app speaks English, so its plurals follow English rules; the number follows the locale. */
const englishPlurals = new Intl.PluralRules('en');

/** "1 article", "3 articles", "1,204 claims": `other` defaults to `one` + "s". */
export function countOf(count: number, one: string, other = `${one}s`, locale = systemLocale()): string {
  return `${formatNumber(count, locale)} ${englishPlurals.select(count) === 'one' ? one : other}`;
}

/** A whole percentage in the locale's style: "42%", "42 %". */
export function formatPercent(percent: number, locale = systemLocale()): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}
