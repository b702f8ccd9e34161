import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/api/contract';
import { isNotInFuture, localCalendarDate } from '../../../shared/domain/calendar';

// "Not in the future" is judged on the user's own calendar. Node reads process.env.TZ again for
// every Date conversion after it is set, so each case runs in a time zone of its own.

const ARTICLE = {
  projectId: '00000000-0000-4000-8000-000000000001',
  title: 'Peskov on DPRK',
  outlet: 'TASS',
  author: '',
  url: '',
  language: 'en',
  direction: 'ltr',
  text: 'North Korea is our close neighbor.',
} as const;
const publishedOn = (publishedDate: string) =>
  contract['articles.create'].request.safeParse({ ...ARTICLE, publishedDate });

let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('the published date may not lie in the future', () => {
  it('accepts today’s local date when UTC is still on yesterday (Auckland, 00:30 local)', () => {
    process.env.TZ = 'Pacific/Auckland';
    vi.setSystemTime(new Date('2024-05-01T12:30:00Z')); // 2024-05-02 00:30 in Auckland (UTC+12)
    expect(localCalendarDate()).toBe('2024-05-02');
    expect(new Date().toISOString().slice(0, 10)).toBe('2024-05-01');
    expect(isNotInFuture('2024-05-02')).toBe(true);
    expect(isNotInFuture('2024-05-03')).toBe(false);
    expect(publishedOn('2024-05-02').success).toBe(true);
    expect(publishedOn('2024-05-03').success).toBe(false);
  });

  it('refuses tomorrow’s local date when UTC is already on it (Los Angeles, 20:00 local)', () => {
    process.env.TZ = 'America/Los_Angeles';
    vi.setSystemTime(new Date('2024-05-02T03:00:00Z')); // 2024-05-01 20:00 in Los Angeles (UTC−7)
    expect(localCalendarDate()).toBe('2024-05-01');
    expect(new Date().toISOString().slice(0, 10)).toBe('2024-05-02');
    expect(isNotInFuture('2024-05-01')).toBe(true);
    expect(isNotInFuture('2024-05-02')).toBe(false);
    expect(publishedOn('2024-05-01').success).toBe(true);
    const refused = publishedOn('2024-05-02');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['publishedDate'],
      message: 'The published date is in the future. Check the year.',
    });
  });

  it('takes an explicit today, and always accepts an unknown (empty) date', () => {
    expect(isNotInFuture('2024-12-31', '2024-12-31')).toBe(true);
    expect(isNotInFuture('2025-01-01', '2024-12-31')).toBe(false);
    expect(isNotInFuture('', '2024-12-31')).toBe(true);
    expect(localCalendarDate(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
  });
});
