import { describe, expect, it } from 'vitest';
import { calendarDateProblem } from '../../../shared/domain/calendar';

const TODAY = '2026-05-20';

describe('calendarDateProblem', () => {
  it('accepts an empty field and real dates on or before today', () => {
    expect(calendarDateProblem('')).toBeNull();
    expect(calendarDateProblem('2024-02-29', { notInFuture: true, today: TODAY })).toBeNull();
    expect(calendarDateProblem(TODAY, { notInFuture: true, today: TODAY })).toBeNull();
    expect(calendarDateProblem('1000-01-01')).toBeNull();
    expect(calendarDateProblem('9999-12-31')).toBeNull();
  });

  it('refuses years a native date input lets through', () => {
    expect(calendarDateProblem('212024-05-01')).toMatch(/year 212024 is not possible/);
    expect(calendarDateProblem('0999-12-31')).toMatch(/between 1000 and 9999/);
    expect(calendarDateProblem('0024-05-01')).toMatch(/year 24 is not possible/);
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(calendarDateProblem('2023-02-29')).toMatch(/does not exist/);
    expect(calendarDateProblem('2024-13-01')).toMatch(/does not exist/);
    expect(calendarDateProblem('2024-04-31')).toMatch(/does not exist/);
    expect(calendarDateProblem('21 May 2024')).toMatch(/whole date/);
  });

  it('refuses a date after today only where the rule applies', () => {
    expect(calendarDateProblem('2026-05-21', { notInFuture: true, today: TODAY })).toMatch(/in the future/);
    expect(calendarDateProblem('2026-05-21', { today: TODAY })).toBeNull();
  });
});
