import { FIELD_LIMITS, REFERENCE_FIELDS, type RawItem, type ReferenceField, type ReferenceItem } from './types';

/**
 * Turns what a parser found into a stored item: text only, whitespace tidied, cut at the field's
 * limit, links that are not http(s) dropped, dates as ISO dates, languages as BCP 47 tags.
 * Returns null when there is no claim text: such an item is left out and counted.
 */
export function cleanItem(raw: RawItem): ReferenceItem | null {
  const item = {} as ReferenceItem;
  for (const field of REFERENCE_FIELDS) item[field] = cut(cleanValue(field, raw[field]), FIELD_LIMITS[field]);
  return item.claimText === '' ? null : item;
}

function cleanValue(field: ReferenceField, value: unknown): string {
  const text = tidy(toText(value));
  switch (field) {
    case 'url':
      return webUrl(text);
    case 'claimDate':
    case 'reviewDate':
      return isoDate(text);
    case 'language':
      return languageTag(text);
    default:
      return text;
  }
}

/** Strings and numbers are text; anything else (objects, arrays, booleans, null) is none. */
function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** One line of text: control characters go, runs of whitespace become one space. */
function tidy(text: string): string {
  if (text === '') return '';
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/gu, ' ').trim().normalize('NFC');
}

/** Cut at `limit` UTF-16 units, never between the two halves of a surrogate pair. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const high = text.charCodeAt(limit - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit;
  return text.slice(0, end).trimEnd();
}

/** Only http and https links are kept: a `javascript:` or `file:` link must never become clickable. */
export function webUrl(text: string): string {
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(text) ? text : '';
}

const MONTHS = /^\d{4}-\d{2}-\d{2}/;

/** "2020-03-04T10:00:00Z", "2020-03-04" and what Date.parse reads ("March 4, 2020") → "2020-03-04". */
export function isoDate(text: string): string {
  if (text === '') return '';
  const iso = MONTHS.exec(text);
  if (iso) return validDate(iso[0]) ? iso[0] : '';
  if (!/[a-z]/i.test(text) && !/\d{4}/.test(text)) return '';
  const time = Date.parse(text);
  if (Number.isNaN(time)) return '';
  const date = new Date(time);
  const out = `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return validDate(out) ? out : '';
}

const pad = (value: number) => String(value).padStart(2, '0');

function validDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "en", "pt-BR", "EN_us" → "en", "pt-BR", "en-US"; anything else → ''. */
export function languageTag(text: string): string {
  const tag = text.replace(/_/g, '-');
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag)) return '';
  const [primary, ...rest] = tag.split('-');
  return [primary!.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}
