/**
 * Calendar dates as the person sees them. A CalendarDate (YYYY-MM-DD) is a day on the user's own
 * calendar, so "today" is the local date, never the UTC one: just after midnight in Auckland or in
 * the evening in Los Angeles the two differ by a day.
 */

/** The local calendar date of `at` (default: now) as YYYY-MM-DD. */
export function localCalendarDate(at: Date = new Date()): string {
  const year = String(at.getFullYear()).padStart(4, '0');
  const month = String(at.getMonth() + 1).padStart(2, '0');
  const day = String(at.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** True for an empty date or one on or before `today` (default: the local date now). */
export function isNotInFuture(value: string, today: string = localCalendarDate()): boolean {
  return value === '' || value <= today;
}
