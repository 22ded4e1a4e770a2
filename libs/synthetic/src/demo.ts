import type { CohortOptions } from './requests.js';

/**
 * The demo organization `demo` (API.md: SEED_DEMO): two programs, three groups each, about ten
 * members per group, twelve weeks; a few thousand requests, seeded in seconds. `today` is
 * left to the caller (the date of first start).
 */
export const DEMO_OPTIONS: Omit<CohortOptions, 'today'> = {
  seed: 20260101,
  org: 'demo',
  programs: 2,
  groupsPerProgram: 3,
  weeks: 12,
  membersPerGroup: 10,
};
