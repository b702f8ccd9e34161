import { afterEach, describe, expect, it } from 'vitest';
import {
  countOf,
  currentDateFormat,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  setDateFormat,
  subscribeDateFormat,
} from '../../../renderer/format/dates';
import { contextAfter, contextBefore, quoted } from '../../../renderer/format/quote';

// Local midnight and 15:07 local time, so the figures do not depend on the machine's time zone.
const DAY = '2026-12-01';
const AT = new Date(2026, 11, 1, 15, 7).toISOString();

afterEach(() => setDateFormat('system'));

describe('dates', () => {
  it('shows each fixed format the same whatever the locale', () => {
    for (const locale of ['en-US', 'de-DE', 'ar-EG', 'ko-KR']) {
      expect(formatDate(DAY, 'day-month-year', locale)).toBe('1 Dec 2026');
      expect(formatDate(DAY, 'month-day-year', locale)).toBe('Dec 1, 2026');
      expect(formatDate(DAY, 'iso', locale)).toBe('2026-12-01');
      expect(formatDateTime(AT, 'iso', locale)).toBe('2026-12-01 15:07');
      expect(formatDateTime(AT, 'day-month-year', locale)).toBe('1 Dec 2026, 15:07');
      expect(formatDateTime(AT, 'month-day-year', locale)).toBe('Dec 1, 2026, 3:07 PM');
    }
  });

  it('follows the locale for "System"', () => {
    expect(formatDate(DAY, 'system', 'en-US')).toBe('Dec 1, 2026');
    expect(formatDate(DAY, 'system', 'en-GB')).toBe('1 Dec 2026');
    expect(formatDate(DAY, 'system', 'de-DE')).toBe('01.12.2026');
    expect(formatDateTime(AT, 'system', 'de-DE')).toBe('01.12.2026, 15:07');
  });

  it('reads a calendar date as that day, never the day before', () => {
    expect(formatDate('2024-01-01', 'iso')).toBe('2024-01-01');
    expect(formatDate(new Date(2024, 0, 1, 0, 30), 'iso')).toBe('2024-01-01');
  });

  it('shows something that is not a date as it is', () => {
    expect(formatDate('someday', 'iso')).toBe('someday');
    expect(formatDateTime('', 'iso')).toBe('');
  });

  it('uses the chosen format by default and tells subscribers', () => {
    let told = 0;
    const stop = subscribeDateFormat(() => (told += 1));
    setDateFormat('iso');
    expect(currentDateFormat()).toBe('iso');
    expect(formatDate(DAY)).toBe('2026-12-01');
    setDateFormat('iso');
    stop();
    setDateFormat('day-month-year');
    expect(told).toBe(1);
  });
});

describe('numbers and plurals', () => {
  it('groups numbers and percentages by locale', () => {
    expect(formatNumber(12345, 'en-US')).toBe('12,345');
    expect(formatNumber(12345, 'de-DE')).toBe('12.345');
    expect(formatPercent(42, 'en-US')).toBe('42%');
    expect(formatPercent(42, 'de-DE')).toBe('42\u00a0%');
  });

  it('says "1 article" and "3 articles", never "article(s)"', () => {
    expect(countOf(1, 'article', undefined, 'en-US')).toBe('1 article');
    expect(countOf(0, 'article', undefined, 'en-US')).toBe('0 articles');
    expect(countOf(1204, 'claim', undefined, 'en-US')).toBe('1,204 claims');
    expect(countOf(2, 'category', 'categories', 'en-US')).toBe('2 categories');
  });
});

describe('quotes and snippets', () => {
  it('quotes a text once, even when it is a quotation already', () => {
    expect(quoted('Cooperation is growing')).toBe('“Cooperation is growing”');
    expect(quoted('“Cooperation is growing”')).toBe('“Cooperation is growing”');
    expect(quoted('“Cooperation between the two…')).toBe('“Cooperation between the two…”');
    expect(quoted('"Cooperation"')).toBe('“Cooperation”');
    expect(quoted('«Сотрудничество»')).toBe('“Сотрудничество”');
  });

  it('shows a quote’s cut context from and to whole words', () => {
    expect(contextBefore('ister said that unemployment was ', true)).toBe('…said that unemployment was ');
    expect(contextAfter(' in the north of the coun', true)).toBe(' in the north of the…');
    expect(contextBefore('Short start. ', false)).toBe('Short start. ');
    expect(contextAfter('.', false)).toBe('.');
    expect(contextBefore('朝鲜是我们的近邻朝鲜是我们的近邻朝鲜是我们的近邻朝鲜是我们', true)).toBe('…朝鲜是我们的近邻朝鲜是我们的近邻朝鲜是我们的近邻朝鲜是我们');
  });
});
