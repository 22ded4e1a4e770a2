import { z } from 'zod';

/** Field schemas shared by several requests (API.md conventions). */
export const uuid = z.uuid({ message: 'must be a UUID' });

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real calendar date');

export const userId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, '1-128 characters of A-Z a-z 0-9 . _ -');

/** One id or several, comma-separated, up to 500 (a page of a list asks for the people it shows at once). */
export const idList = z
  .string()
  .transform((text) => text.split(',').filter((id) => id !== ''))
  .pipe(z.array(z.string().max(100)).min(1).max(500));

export const shortText = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max);

/** The product's instruments (OUTCOMES.md); the instrument registry has their definitions. */
export const instrumentId = z.enum(['PHQ-9', 'GAD-7', 'SWEMWBS', 'WEMWBS', 'CORE-10', 'BARC-10', 'ORS', 'GSRS', 'GCQ-S']);

/** The flat write response of API.md: id field, fields, eventIds, revision, position. */
export function writeResponse<T extends object>(resource: T, appended: { eventIds: readonly string[]; revision: number; position: string }) {
  return { ...resource, eventIds: appended.eventIds, revision: appended.revision, position: appended.position };
}
