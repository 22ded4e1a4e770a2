import { describe, expect, it } from '@jest/globals';
import { generateCohort } from './cohort.js';
import { DEMO_OPTIONS } from './demo.js';
import type { ApiRequest, CohortOptions } from './requests.js';

const TODAY = '2026-11-26';
const options: CohortOptions = { ...DEMO_OPTIONS, today: TODAY };
const cohort = generateCohort(options);
const of = (kind: ApiRequest['kind'], requests = cohort) => requests.filter((r) => r.kind === kind);
const body = (r: ApiRequest) => r.body as Record<string, any>;

/** Ranges as OUTCOMES.md states them, kept apart from the generator's source of truth (libs/instruments). */
const RANGES: Record<string, { count: number; min: number; max: number; step: number }> = {
  'PHQ-9': { count: 9, min: 0, max: 3, step: 1 },
  'GAD-7': { count: 7, min: 0, max: 3, step: 1 },
  'CORE-10': { count: 10, min: 0, max: 4, step: 1 },
  'BARC-10': { count: 10, min: 1, max: 6, step: 1 },
  GSRS: { count: 4, min: 0, max: 10, step: 0.1 },
  'GCQ-S': { count: 12, min: 0, max: 6, step: 1 },
};

function datesIn(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => datesIn(v, `${path}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => datesIn(v, `${path}/${k}`));
  return [];
}

describe('generateCohort', () => {
  it('gives the same requests for the same seed and other ones for another seed', () => {
    expect(generateCohort(options)).toEqual(cohort);
    const other = generateCohort({ ...options, seed: options.seed + 1 });
    expect(other).not.toEqual(cohort);
    expect(body(of('participant', other)[0]!).participantId).not.toBe(body(of('participant')[0]!).participantId);
  });

  it('builds the organization of the options: programs, groups with one or two therapists, rolling joins', () => {
    expect(of('program').map((r) => body(r).part2)).toEqual([false, true]);
    const groups = of('group');
    expect(groups).toHaveLength(6);
    for (const group of groups) {
      expect(body(group).facilitatorIds.length).toBeGreaterThanOrEqual(1);
      expect(body(group).facilitatorIds.length).toBeLessThanOrEqual(2);
      expect(body(group).facilitatorIds.every((id: string) => /^therapist-[a-z]+(-\d+)?$/.test(id))).toBe(true);
    }
    const joinDates = new Set(of('join').map((r) => body(r).joinedOn));
    expect(joinDates.size).toBeGreaterThan(groups.length);
    expect(cohort.length).toBeGreaterThan(1000);
  });

  it('dates everything strictly before today and dates of birth at least 18 years before', () => {
    for (const request of cohort) {
      for (const [path, date] of datesIn(request.body)) {
        expect({ path, date, before: date < TODAY }).toEqual({ path, date, before: true });
      }
    }
    for (const p of of('participant')) expect(body(p).dateOfBirth <= '2008-11-26').toBe(true);
  });

  it('uses unique client-chosen ids', () => {
    const ids = cohort.flatMap((r) => ['programId', 'groupId', 'participantId', 'sessionId', 'measureId', 'milestoneId'].filter((k) => r.kind.startsWith(k.replace('Id', '')) && body(r)[k]).map((k) => body(r)[k]));
    expect(ids.length).toBeGreaterThan(1000);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('obeys the api rules: sessions from the group start, attendance and measures only for enrolled members, leave after join', () => {
    const groups = new Map<string, { startsOn: string; sessions: Map<string, string>; members: Map<string, { joinedOn: string; leftOn: string | null }> }>();
    const registered = new Set<string>();
    for (const request of cohort) {
      const b = body(request);
      const groupId = request.path.split('/')[4]!;
      const group = groups.get(groupId)!;
      switch (request.kind) {
        case 'group':
          groups.set(b.groupId, { startsOn: b.startsOn, sessions: new Map(), members: new Map() });
          break;
        case 'participant':
          registered.add(b.participantId);
          break;
        case 'join':
          expect(registered.has(b.participantId)).toBe(true);
          expect(b.joinedOn >= group.startsOn).toBe(true);
          group.members.set(b.participantId, { joinedOn: b.joinedOn, leftOn: null });
          break;
        case 'leave': {
          const member = group.members.get(request.path.split('/')[6]!)!;
          expect(member.leftOn).toBeNull();
          expect(b.leftOn > member.joinedOn).toBe(true);
          member.leftOn = b.leftOn;
          break;
        }
        case 'session':
          expect(b.date >= group.startsOn).toBe(true);
          group.sessions.set(b.sessionId, b.date);
          break;
        case 'attendance': {
          const date = group.sessions.get(request.path.split('/')[6]!)!;
          for (const record of b.records) {
            const member = group.members.get(record.participantId)!;
            expect(member.joinedOn <= date && (member.leftOn === null || date < member.leftOn)).toBe(true);
          }
          break;
        }
        case 'measure':
        case 'milestone':
        case 'consent':
          expect(registered.has(request.path.split('/')[4]!)).toBe(true);
          break;
      }
    }
  });

  it('gives item values within each instrument range, on its step, for every measure', () => {
    const measures = of('measure');
    expect(new Set(measures.map((m) => body(m).instrument))).toEqual(new Set(Object.keys(RANGES)));
    for (const measure of measures) {
      const range = RANGES[body(measure).instrument]!;
      const items: number[] = body(measure).items;
      expect(items).toHaveLength(range.count);
      for (const value of items) {
        expect(value).toBeGreaterThanOrEqual(range.min);
        expect(value).toBeLessThanOrEqual(range.max);
        expect(Math.abs(value / range.step - Math.round(value / range.step))).toBeLessThan(1e-9);
      }
    }
  });
});
