import { addDays, isCalendarDate } from './dates.js';
import { groupSimulationPlan } from './group-plan.js';
import { simulateGroup } from './group-simulation.js';
import { IdSource } from './ids.js';
import { staffIds } from './names.js';
import { Random } from './prng.js';
import { programTemplate } from './programs.js';
import { type Actor, type ApiRequest, type CohortOptions, type IncludeOptions, ORGANIZATION_LANE } from './requests.js';

/**
 * A realistic synthetic organization as the ordered HTTP requests that build it (API.md write
 * side). Pure: the same options give the same requests, ids included. Every date is strictly
 * before `options.today`. Lazy, so millions of requests need not sit in memory at once.
 */
export function* cohortRequests(options: CohortOptions): Generator<ApiRequest> {
  validate(options);
  const include: IncludeOptions = { measures: true, milestones: true, consents: true, ...options.include };
  const root = new Random(options.seed);
  const namespace = `${options.seed}/${options.org}`;
  const orgIds = new IdSource(`${namespace}/organization`);
  const [directorId] = staffIds(root.fork('director'), 'director', 1);
  const director: Actor = { sub: directorId!, role: 'director', org: options.org };

  const programs = Array.from({ length: options.programs }, (_, p) => ({ programId: orgIds.next(), template: programTemplate(p) }));
  for (const { programId, template } of programs) {
    const { kind: _kind, groupNames: _names, ...body } = template;
    yield { kind: 'program', method: 'POST', path: '/api/v1/programs', body: { programId, ...body }, actor: director, lane: ORGANIZATION_LANE };
  }

  for (const [p, { programId, template }] of programs.entries()) {
    const random = root.fork(`program/${p}`);
    // A pool of therapists per program; each group has one or two of them.
    const therapists: Actor[] = staffIds(random, 'therapist', Math.max(2, Math.ceil(options.groupsPerProgram * 0.75))).map((sub) => ({ sub, role: 'therapist', org: options.org }));
    for (let g = 0; g < options.groupsPerProgram; g++) {
      const groupRandom = root.fork(`program/${p}/group/${g}`);
      const ids = new IdSource(`${namespace}/program/${p}/group/${g}`);
      const plan = groupSimulationPlan(groupRandom, { options, include, ids, programId, template, index: g, therapists, director });
      if (plan) yield* simulateGroup(groupRandom, plan);
    }
  }
}

/** The same requests as an array. */
export function generateCohort(options: CohortOptions): ApiRequest[] {
  return [...cohortRequests(options)];
}

/** The latest date the generator uses: the day before `today`. */
export function lastGeneratedDay(today: string): string {
  return addDays(today, -1);
}

function validate(options: CohortOptions): void {
  if (!isCalendarDate(options.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${options.today}`);
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(options.org)) throw new RangeError('org must be 1-128 characters of A-Z a-z 0-9 . _ -');
  for (const key of ['programs', 'groupsPerProgram', 'weeks', 'membersPerGroup'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw new RangeError(`${key} must be a positive integer`);
  }
  if (!Number.isInteger(options.seed)) throw new RangeError('seed must be an integer');
}
