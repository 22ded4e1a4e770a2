import { describe, expect, it } from '@jest/globals';
import { generateCohort } from './cohort.js';
import type { ApiRequest } from './requests.js';

const cohort = generateCohort({ seed: 7, org: 'org-mix', today: '2026-06-15', programs: 2, groupsPerProgram: 4, weeks: 16, membersPerGroup: 10 });
const body = (r: ApiRequest) => r.body as Record<string, any>;
const sum = (items: number[]) => items.reduce((a, b) => a + b, 0);

describe('the cohort mix', () => {
  it('has participants who reliably improve, who stay flat and who get worse (first to last PHQ-9 or CORE-10)', () => {
    const series = new Map<string, number[]>();
    for (const m of cohort.filter((r) => r.kind === 'measure' && ['PHQ-9', 'CORE-10'].includes(body(r).instrument))) {
      series.set(m.path + body(m).instrument, [...(series.get(m.path + body(m).instrument) ?? []), sum(body(m).items)]);
    }
    const changes = [...series.values()].filter((s) => s.length >= 3).map((s) => s.at(-1)! - s[0]!);
    const improved = changes.filter((d) => d <= -6).length;
    const worse = changes.filter((d) => d >= 4).length;
    const flat = changes.filter((d) => Math.abs(d) <= 2).length;
    expect(improved / changes.length).toBeGreaterThan(0.2);
    expect(worse).toBeGreaterThan(2);
    expect(flat).toBeGreaterThan(2);
  });

  it('has completions and dropouts, dropouts after missed sessions', () => {
    const reasons = cohort.filter((r) => r.kind === 'leave').map((r) => body(r).reason);
    expect(reasons.filter((r) => r === 'completed').length).toBeGreaterThan(10);
    expect(reasons.filter((r) => r === 'dropped_out').length).toBeGreaterThan(5);
  });

  it('attends at a realistic rate with every status used', () => {
    const statuses = cohort.filter((r) => r.kind === 'attendance').flatMap((r) => body(r).records.map((x: { status: string }) => x.status));
    const attended = statuses.filter((s) => s === 'present' || s === 'late').length / statuses.length;
    expect(attended).toBeGreaterThan(0.65);
    expect(attended).toBeLessThan(0.92);
    expect(new Set(statuses)).toEqual(new Set(['present', 'late', 'absent', 'excused']));
  });

  it('answers PHQ-9 item 9 above 0 now and then, and rarely', () => {
    const phq = cohort.filter((r) => r.kind === 'measure' && body(r).instrument === 'PHQ-9');
    const flagged = phq.filter((r) => body(r).items[8] > 0).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged / phq.length).toBeLessThan(0.08);
  });

  it('records research consent for most, and recovery milestones in the addiction program', () => {
    const participants = cohort.filter((r) => r.kind === 'participant').length;
    const research = cohort.filter((r) => r.kind === 'consent' && body(r).scope === 'research').length;
    expect(research / participants).toBeGreaterThan(0.7);
    const types = new Set(cohort.filter((r) => r.kind === 'milestone').map((r) => body(r).type));
    for (const type of ['abstinent_30_days', 'abstinent_90_days', 'program_completed', 'relapse_reported']) expect(types).toContain(type);
  });

  it('leaves measures, milestones and consents out on request (an api with the foundation only)', () => {
    const foundation = generateCohort({ seed: 7, org: 'org-mix', today: '2026-06-15', programs: 2, groupsPerProgram: 4, weeks: 16, membersPerGroup: 10, include: { measures: false, milestones: false, consents: false } });
    expect(new Set(foundation.map((r) => r.kind))).toEqual(new Set(['program', 'group', 'participant', 'join', 'session', 'attendance', 'leave']));
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateCohort({ seed: 1, org: 'a', today: '2026-02-30', programs: 1, groupsPerProgram: 1, weeks: 1, membersPerGroup: 1 })).toThrow(/today/);
    expect(() => generateCohort({ seed: 1, org: 'a', today: '2026-02-03', programs: 0, groupsPerProgram: 1, weeks: 1, membersPerGroup: 1 })).toThrow(/programs/);
  });
});
