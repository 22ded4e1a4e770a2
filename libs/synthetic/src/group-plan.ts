import { addDays } from './dates.js';
import type { GroupPlan } from './group-simulation.js';
import type { IdSource } from './ids.js';
import type { Random } from './prng.js';
import { groupName } from './programs.js';
import type { Actor, CohortOptions, IncludeOptions, ProgramTemplate } from './requests.js';

export interface GroupContext {
  readonly options: CohortOptions;
  readonly include: IncludeOptions;
  readonly ids: IdSource;
  readonly programId: string;
  readonly template: ProgramTemplate;
  readonly index: number;
  readonly therapists: readonly Actor[];
  readonly director: Actor;
}

/**
 * When a group meets and who runs it. The window is the `weeks` before today; groups start in
 * its first quarter on a weekday of their own, and the last session is at least two days
 * before today so that leaves (the day after a session) are still in the past.
 */
export function groupSimulationPlan(random: Random, context: GroupContext): GroupPlan | null {
  const { options, template, therapists } = context;
  const lateStartWeeks = context.index === 0 ? 0 : random.int(0, Math.floor(options.weeks / 4));
  const weekdayOffset = random.int(0, 5);
  const startsOn = addDays(options.today, -7 * options.weeks + 7 * lateStartWeeks + weekdayOffset - 1);
  const sessions = options.weeks - lateStartWeeks;
  if (sessions < 1) return null;
  const first = random.pick(therapists);
  const facilitators = random.chance(0.4) ? [first, random.pick(therapists.filter((t) => t !== first))] : [first];
  return {
    groupId: context.ids.next(),
    programId: context.programId,
    template,
    name: groupName(template, context.index, startsOn, random.chance(0.6)),
    facilitators,
    director: context.director,
    startsOn,
    sessions,
    membersPerGroup: options.membersPerGroup,
    today: options.today,
    include: context.include,
    ids: context.ids,
  };
}
