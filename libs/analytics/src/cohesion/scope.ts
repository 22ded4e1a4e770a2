import { z } from 'zod';

/**
 * The caller's scope, on every analytics params object (analytics-context, PRIVACY.md
 * "Access"): `org` is always applied in SQL; `groupIds` is present for a therapist, and then
 * only those groups' rows count.
 */
export const scopeShape = {
  org: z.string().min(1),
  groupIds: z.array(z.string().min(1)).optional(),
};

export type Scope = { readonly org: string; readonly groupIds?: readonly string[] };

/**
 * Typed query parameters for the scope: `allGroups` is 1 when there is no group restriction,
 * so SQL reads `({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})`.
 */
export function scopeParams(scope: Scope): { org: string; allGroups: 0 | 1; groupIds: string[] } {
  return { org: scope.org, allGroups: scope.groupIds ? 0 : 1, groupIds: [...(scope.groupIds ?? [])] };
}

/** A calendar date `YYYY-MM-DD` (the program's time zone). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Widest range a ClickHouse `Date` holds: the bounds of an open date window. */
export const DATE_MIN = '1970-01-01';
export const DATE_MAX = '2149-06-06';
