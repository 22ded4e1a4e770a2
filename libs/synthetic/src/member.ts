import type { InstrumentDefinition, InstrumentId } from '#libs/instruments';
import { addDays } from './dates.js';
import { definitionOf, itemWeights } from './items.js';
import { personName, pickGender, type Gender } from './names.js';
import { clamp, type Random } from './prng.js';
import type { ProgramTemplate } from './requests.js';
import { drawBaseline, drawTrajectory, type Trajectory } from './trajectories.js';

export type AttendanceStatus = 'present' | 'late' | 'absent' | 'excused';

/** One simulated member of a group: who they are, how they engage and how their scores move. */
export interface Member {
  readonly participantId: string;
  readonly displayName: string;
  readonly dateOfBirth: string;
  readonly gender: Gender;
  readonly joinedOn: string;
  readonly trajectory: Trajectory;
  /** Chance of attending a session while engaged. */
  readonly attendRate: number;
  /** Sessions after joining at which this member disengages (then drops out); null = stays. */
  readonly disengagesAfter: number | null;
  /** Consecutive misses after which a disengaged member is recorded as dropped out. */
  readonly missLimit: number;
  readonly baselines: ReadonlyMap<InstrumentId, number>;
  readonly weights: ReadonlyMap<InstrumentId, number[]>;
  /** Their usual GSRS total (alliance with the group), 0–40. */
  readonly alliance: number;
  readonly researchConsent: boolean;
  sessionsSinceJoin: number;
  attended: number;
  missedInARow: number;
  readonly lastGiven: Map<string, string>;
  /** Addiction programs: the first day of the current abstinent streak. */
  abstinentSince: string | null;
  readonly milestonesInStreak: Set<number>;
  leftOn: string | null;
}

export function newMember(random: Random, participantId: string, template: ProgramTemplate, joinedOn: string, today: string): Member {
  const gender = pickGender(random);
  const trajectory = drawTrajectory(random);
  const instruments = template.schedule.map((s) => definitionOf(s.instrument)).filter((d) => d.scoring.kind !== 'subscale-means');
  // People who get worse are likelier to stop coming (made-up synthetic association).
  const dropoutChance = trajectory.kind === 'worsening' ? 0.55 : trajectory.kind === 'plateau' ? 0.35 : 0.2;
  return {
    participantId,
    displayName: personName(random, gender),
    dateOfBirth: addDays(today, -Math.round(random.between(18.2, 72) * 365.25)),
    gender,
    joinedOn,
    trajectory,
    attendRate: clamp(random.normal(0.86, 0.07), 0.6, 0.98),
    disengagesAfter: random.chance(dropoutChance) ? random.int(1, Math.max(2, template.plannedWeeks - 2)) : null,
    missLimit: random.int(2, 3),
    baselines: new Map(instruments.map((d): [InstrumentId, number] => [d.id, drawBaseline(random, d)])),
    weights: new Map(instruments.map((d): [InstrumentId, number[]] => [d.id, itemWeights(random, d)])),
    alliance: clamp(random.normal(trajectory.kind === 'worsening' ? 33 : 36.5, 2.5), 20, 40),
    researchConsent: random.chance(0.85),
    sessionsSinceJoin: 0,
    attended: 0,
    missedInARow: 0,
    lastGiven: new Map(),
    abstinentSince: template.kind === 'addiction-recovery' ? addDays(joinedOn, -random.int(0, 25)) : null,
    milestonesInStreak: new Set(),
    leftOn: null,
  };
}

/** Whether and how a member turns up: late about 1 in 12 attendances, excused about 1 in 3 misses. */
export function attendance(random: Random, member: Member): AttendanceStatus {
  const disengaged = member.disengagesAfter !== null && member.sessionsSinceJoin >= member.disengagesAfter;
  const rate = disengaged ? 0.12 : member.attendRate;
  if (random.chance(rate)) return random.chance(0.08) ? 'late' : 'present';
  return random.chance(0.3) ? 'excused' : 'absent';
}

export function isDisengaged(member: Member): boolean {
  return member.disengagesAfter !== null && member.sessionsSinceJoin >= member.disengagesAfter;
}

export function baselineOf(member: Member, definition: InstrumentDefinition): number {
  return member.baselines.get(definition.id) ?? 0;
}
