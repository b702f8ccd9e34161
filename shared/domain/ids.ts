import { z } from 'zod';

/** Every record has a random UUID so copies of a project on different laptops never collide. */
export const Id = z.uuid({ message: 'Not a valid id.' });
export type Id = z.infer<typeof Id>;

/** ISO-8601 instant (UTC), as written by `new Date().toISOString()`. */
export const Timestamp = z.iso.datetime({ offset: true, message: 'Not a valid timestamp.' });

/** A calendar date, YYYY-MM-DD, or empty when unknown. */
export const CalendarDate = z.union([
  z.literal(''),
  z.iso.date({ message: 'Use a date like 2024-10-21.' }),
]);
