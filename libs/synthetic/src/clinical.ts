import type { InstrumentDefinition } from '#libs/instruments';
import { addDays, daysBetween } from './dates.js';
import { definitionOf, gcqsItems, itemsSumming } from './items.js';
import { baselineOf, type Member } from './member.js';
import { clamp, type Random } from './prng.js';
import type { ProgramTemplate } from './requests.js';
import { totalAt } from './trajectories.js';

export interface MeasureBody {
  readonly measureId: string;
  readonly instrument: string;
  readonly items: number[];
  readonly administeredOn: string;
  readonly sessionId: string;
}

/** Due at this session by the program schedule: every session or week, or four weeks after the last time. */
function due(member: Member, instrument: string, every: string, date: string): boolean {
  if (every === 'session' || every === 'week') return true;
  const last = member.lastGiven.get(instrument);
  return last === undefined || daysBetween(last, date) >= 28;
}

/**
 * The questionnaires a member fills in at a session they attend. PHQ-9 item 9 is above 0 in a
 * small share of forms (more often at severe totals), so the critical-item alert path is exercised.
 */
export function measuresAt(random: Random, nextId: () => string, member: Member, template: ProgramTemplate, sessionId: string, date: string, groupMood: number): MeasureBody[] {
  const weeks = daysBetween(member.joinedOn, date) / 7;
  const bodies: MeasureBody[] = [];
  for (const { instrument, every } of template.schedule) {
    if (!due(member, instrument, every, date)) continue;
    const definition = definitionOf(instrument);
    bodies.push({ measureId: nextId(), instrument, items: itemsFor(random, definition, member, weeks, groupMood), administeredOn: date, sessionId });
    member.lastGiven.set(instrument, date);
  }
  return bodies;
}

function itemsFor(random: Random, definition: InstrumentDefinition, member: Member, weeks: number, groupMood: number): number[] {
  if (definition.id === 'GCQ-S') {
    return gcqsItems(random, { engagement: clamp(3.6 + groupMood, 0, 6), avoidance: clamp(2.2 - groupMood / 2, 0, 6), conflict: clamp(1.3 - groupMood / 2, 0, 6) });
  }
  if (definition.id === 'GSRS') {
    // Alliance drifts with how the person is doing, plus session-to-session wobble.
    const total = clamp(member.alliance + 2 * groupMood + random.normal(0, 1.6), 0, 40);
    return itemsSumming(random, definition, total);
  }
  const total = totalAt(random, definition, baselineOf(member, definition), member.trajectory, weeks);
  const weights = member.weights.get(definition.id);
  if (definition.id === 'PHQ-9') {
    const riskRate = total >= 20 ? 0.12 : total >= 10 ? 0.03 : 0.005;
    const item9 = random.chance(riskRate) ? (random.chance(0.8) ? 1 : 2) : 0;
    return itemsSumming(random, definition, total, weights, new Map([[8, Math.min(item9, total)]]));
  }
  return itemsSumming(random, definition, total, weights);
}

export interface MilestoneBody {
  readonly milestoneId: string;
  readonly type: string;
  readonly achievedOn: string;
  readonly value?: number;
  readonly label?: string;
}

const ABSTINENCE = [
  [30, 'abstinent_30_days'],
  [90, 'abstinent_90_days'],
  [180, 'abstinent_180_days'],
] as const;

/**
 * Recovery milestones up to `date` (addiction programs): abstinence streaks reaching 30/90/180
 * days while in the group, and now and then a relapse that starts a new streak.
 */
export function milestonesUpTo(random: Random, nextId: () => string, member: Member, template: ProgramTemplate, date: string): MilestoneBody[] {
  if (template.kind !== 'addiction-recovery' || member.abstinentSince === null) return [];
  const bodies: MilestoneBody[] = [];
  const relapseRate = member.trajectory.kind === 'worsening' ? 0.08 : member.trajectory.kind === 'plateau' ? 0.03 : 0.01;
  if (random.chance(relapseRate) && date > member.joinedOn) {
    bodies.push({ milestoneId: nextId(), type: 'relapse_reported', achievedOn: date });
    member.abstinentSince = addDays(date, 1);
    member.milestonesInStreak.clear();
    return bodies;
  }
  for (const [days, type] of ABSTINENCE) {
    const reached = addDays(member.abstinentSince, days);
    if (member.milestonesInStreak.has(days) || reached > date || reached < member.joinedOn) continue;
    member.milestonesInStreak.add(days);
    bodies.push({ milestoneId: nextId(), type, achievedOn: reached, value: days });
  }
  return bodies;
}

/** Milestones at the end of a completed course. */
export function completionMilestones(random: Random, nextId: () => string, member: Member, leftOn: string): MilestoneBody[] {
  const bodies: MilestoneBody[] = [{ milestoneId: nextId(), type: 'program_completed', achievedOn: leftOn }];
  if (member.trajectory.kind === 'improving' && random.chance(0.3)) bodies.push({ milestoneId: nextId(), type: 'returned_to_work_or_study', achievedOn: leftOn });
  if (member.trajectory.kind === 'improving' && random.chance(0.2)) bodies.push({ milestoneId: nextId(), type: 'goal_achieved', label: 'Personal goal set at intake', achievedOn: leftOn });
  return bodies;
}
