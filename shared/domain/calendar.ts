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

/** The years a date field accepts: a native date input lets a person type 212024 or 0024. */
export const EARLIEST_YEAR = 1000;
export const LATEST_YEAR = 9999;

/**
 * What is wrong with a date typed into a date field, in words for the person, or null when it is
 * fine (an empty field is fine: the date is unknown). `notInFuture` adds the rule that a date that
 * has already happened (published, accessed, said) cannot be after today.
 */
export function calendarDateProblem(
  value: string,
  options: { notInFuture?: boolean; today?: string } = {},
): string | null {
  if (value === '') return null;
  const match = /^(\d+)-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return 'Enter a whole date: day, month and year.';
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (match[1]!.length !== 4 || year < EARLIEST_YEAR || year > LATEST_YEAR) {
    return `The year ${year} is not possible here. Use a year between ${EARLIEST_YEAR} and ${LATEST_YEAR}.`;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'That day does not exist. Check the day and the month.';
  }
  if (options.notInFuture && !isNotInFuture(value, options.today)) return 'That date is in the future. Check the year.';
  return null;
}
