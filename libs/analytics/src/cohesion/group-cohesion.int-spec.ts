import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { migrate } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { runGroupCohesion } from './group-cohesion.query.js';
import { groupDataset } from './testing/group-dataset.js';
import { project } from './testing/event-log.js';

let chdb: TestChdbStore;
let store: AnalyticsStore;

beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'cohesion_it', readers: 2 });
  store = chdb.store;
  await migrate(store);
  await project(store, ...groupDataset());
});
afterAll(async () => chdb.dispose());

const none = { mean: null, sd: null, n: 0 };

describe('runGroupCohesion against chDB (hand-worked group in testing/group-dataset.ts)', () => {
  it('counts attendance over members enrolled on each date and summarises GSRS and GCQ-S', async () => {
    const result = await runGroupCohesion(store, { org: 'org-1', groupId: 'g1', from: '2026-01-05', to: '2026-01-26' });
    expect(result.groupId).toBe('g1');
    // s0 (2025-12-29) is before the window: not listed, but its GSRS is each member's "previous" at s1.
    expect(result.sessions.map((s) => [s.sessionId, s.date])).toEqual([
      ['s1', '2026-01-05'], ['s2', '2026-01-12'], ['s3', '2026-01-19'], ['s4', '2026-01-26'],
    ]);
    const [s1, s2, s3, s4] = result.sessions;

    // s1: enrolled alice, bob, dave (carol joins 01-12) = 3; alice present, dave late (corrected
    // from absent), bob absent → rate (1 + 1)/3.
    expect(s1).toMatchObject({ enrolled: 3, present: 1, late: 1, absent: 1, excused: 0, unrecorded: 0 });
    expect(s1!.attendanceRate).toBeCloseTo(2 / 3, 12);
    // GSRS 36, 20, 34: mean 90/3 = 30; squares 36 + 100 + 16 = 152; sd √(152/2) = √76 = 8.717797887.
    expect(s1!.gsrs.n).toBe(3);
    expect(s1!.gsrs.mean).toBeCloseTo(30, 12);
    expect(s1!.gsrs.sd).toBeCloseTo(8.717797887, 8);
    // sd ≥ 5 → disagreement; bob 30 − 20 = 10 ≥ 8 → outlier; alice 38 → 36 and bob 36 → 20 fell.
    expect(s1!.flags).toEqual([
      { type: 'disagreement' },
      { type: 'outlier', participantId: 'bob' },
      { type: 'alliance_drop', participantId: 'alice' },
      { type: 'alliance_drop', participantId: 'bob' },
    ]);
    expect(s1!.gcqs).toEqual({ engagement: none, avoidance: none, conflict: none });

    // s2: all four enrolled; bob and carol present, alice excused, dave absent → 2/4.
    expect(s2).toMatchObject({ enrolled: 4, present: 2, late: 0, absent: 1, excused: 1, unrecorded: 0, attendanceRate: 0.5 });
    // GSRS: alice 37, carol 35 (bob's 10 voided, dave's invalid) → mean 36, sd √((1 + 1)/1) = √2.
    expect(s2!.gsrs.mean).toBeCloseTo(36, 12);
    expect(s2!.gsrs.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(s2!.gsrs.n).toBe(2);
    // alice rose 36 → 37; carol has no previous GSRS; spread 1.41 < 5.
    expect(s2!.flags).toEqual([]);
    // GCQ-S engagement 4, 3 → 3.5, sd √0.5; avoidance 2, 1 → 1.5, sd √0.5; conflict only alice's 1.
    expect(s2!.gcqs.engagement.mean).toBeCloseTo(3.5, 12);
    expect(s2!.gcqs.engagement.sd).toBeCloseTo(Math.SQRT1_2, 12);
    expect(s2!.gcqs.avoidance).toMatchObject({ n: 2 });
    expect(s2!.gcqs.avoidance.mean).toBeCloseTo(1.5, 12);
    expect(s2!.gcqs.conflict).toEqual({ mean: 1, sd: null, n: 1 });

    // s3 is bob's leftOn: not enrolled, his 'present' record is left out. alice present, carol
    // late, dave unrecorded → 2/3.
    expect(s3).toMatchObject({ enrolled: 3, present: 1, late: 1, absent: 0, excused: 0, unrecorded: 1 });
    expect(s3!.attendanceRate).toBeCloseTo(2 / 3, 12);
    // GSRS: alice's later answer 33 (not 30), carol rescored 35 → 25: mean 29, sd √((16 + 16)/1) = √32.
    expect(s3!.gsrs.mean).toBeCloseTo(29, 12);
    expect(s3!.gsrs.sd).toBeCloseTo(5.656854249, 8);
    // √32 ≥ 5 → disagreement; 29 − 25 = 4 < 8 no outlier; alice 37 → 33, carol 35 → 25 fell.
    expect(s3!.flags).toEqual([
      { type: 'disagreement' },
      { type: 'alliance_drop', participantId: 'alice' },
      { type: 'alliance_drop', participantId: 'carol' },
    ]);

    // s4: no register yet: alice, carol, dave enrolled and unrecorded → rate 0; no measures.
    expect(s4).toMatchObject({ enrolled: 3, present: 0, late: 0, absent: 0, excused: 0, unrecorded: 3, attendanceRate: 0 });
    expect(s4!.gsrs).toEqual(none);
    expect(s4!.flags).toEqual([]);
  });

  it('limits the window by from and to (inclusive) and applies configured thresholds', async () => {
    const result = await runGroupCohesion(store, {
      org: 'org-1',
      groupId: 'g1',
      from: '2026-01-12',
      to: '2026-01-19',
      flags: { disagreementSd: 1, outlierPointsBelowMean: 1, allianceDropPoints: 5, lowAttendanceRate: 0.6 },
    });
    expect(result.sessions.map((s) => s.sessionId)).toEqual(['s2', 's3']);
    // s2: sd √2 ≥ 1; carol 36 − 35 = 1 ≥ 1 outlier; rate 0.5 < 0.6 low attendance.
    expect(result.sessions[0]!.flags).toEqual([{ type: 'disagreement' }, { type: 'outlier', participantId: 'carol' }, { type: 'low_attendance' }]);
    // s3: carol 29 − 25 = 4 ≥ 1; drops: alice 4 (not > 5), carol 10 (> 5); rate 2/3 ≥ 0.6.
    expect(result.sessions[1]!.flags).toEqual([
      { type: 'disagreement' },
      { type: 'outlier', participantId: 'carol' },
      { type: 'alliance_drop', participantId: 'carol' },
    ]);
  });

  it('answers a single member (sd null), an empty group, an unknown group', async () => {
    const single = await runGroupCohesion(store, { org: 'org-1', groupId: 'g-single' });
    expect(single.sessions).toEqual([
      {
        sessionId: 'ss1', date: '2026-01-06', enrolled: 1, present: 1, late: 0, absent: 0, excused: 0, unrecorded: 0, attendanceRate: 1,
        gsrs: { mean: 31.5, sd: null, n: 1 }, gcqs: { engagement: none, avoidance: none, conflict: none }, flags: [],
      },
    ]);
    expect(await runGroupCohesion(store, { org: 'org-1', groupId: 'g-empty' })).toEqual({ groupId: 'g-empty', sessions: [] });
    expect(await runGroupCohesion(store, { org: 'org-1', groupId: 'nope' })).toEqual({ groupId: 'nope', sessions: [] });
  });

  it("never shows another org's rows, and a therapist sees only their groups", async () => {
    // org-2 has g1/s1 too: zed and alice absent with GSRS 0. From org-2 only its own rows.
    const other = await runGroupCohesion(store, { org: 'org-2', groupId: 'g1' });
    expect(other.sessions).toHaveLength(1);
    expect(other.sessions[0]).toMatchObject({ sessionId: 's1', enrolled: 2, absent: 2, attendanceRate: 0, gsrs: { mean: 0, sd: 0, n: 2 } });
    const mine = await runGroupCohesion(store, { org: 'org-1', groupId: 'g1', groupIds: ['g1'], from: '2026-01-05', to: '2026-01-05' });
    expect(mine.sessions[0]).toMatchObject({ enrolled: 3, gsrs: { n: 3 } });
    const notMine = await runGroupCohesion(store, { org: 'org-1', groupId: 'g1', groupIds: ['g-single'] });
    expect(notMine.sessions).toEqual([]);
  });

  it('rejects bad params', async () => {
    await expect(runGroupCohesion(store, { org: '', groupId: 'g1' })).rejects.toThrow();
    await expect(runGroupCohesion(store, { org: 'org-1', groupId: 'g1', from: '5 Jan' })).rejects.toThrow();
  });
});
