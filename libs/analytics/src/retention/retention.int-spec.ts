import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { migrate } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { EventLog, project } from '../cohesion/testing/event-log.js';
import { runRetention } from './retention.query.js';

let chdb: TestChdbStore;
let store: AnalyticsStore;

/**
 * Episodes (today 2026-03-01), days from joining to the leave or to today:
 * gA: p1 01-01→01-11 dropped_out (10, event); p2 01-01→01-11 completed (10, censored: ties
 *     with p1's event, events first); p3 01-05→01-25 dropped_out (20, event); p4 01-10→ still
 *     enrolled (50, censored: 21 + 28 + 1 days); p6 02-21→ still enrolled (8, censored).
 * gB: p5 02-01→02-11 dropped_out (10, event); p6 02-01→02-21 transferred (20, censored);
 *     p7 02-10→02-15 other (5, censored); p8 joins 03-05, after today: left out.
 * Not counted ever: prog-2 of org-1, and org-2's prog-1 where everyone drops out on day 1.
 */
beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'retention_it', readers: 1 });
  store = chdb.store;
  await migrate(store);
  const log = new EventLog('org-1', 'prog-1').program().group('gA').group('gB').group('gEmpty');
  log.join('gA', 'p1', '2026-01-01').leave('gA', 'p1', '2026-01-01', '2026-01-11', 'dropped_out');
  log.join('gA', 'p2', '2026-01-01').leave('gA', 'p2', '2026-01-01', '2026-01-11', 'completed');
  log.join('gA', 'p3', '2026-01-05').leave('gA', 'p3', '2026-01-05', '2026-01-25', 'dropped_out');
  log.join('gA', 'p4', '2026-01-10');
  log.join('gB', 'p5', '2026-02-01').leave('gB', 'p5', '2026-02-01', '2026-02-11', 'dropped_out');
  log.join('gB', 'p6', '2026-02-01').leave('gB', 'p6', '2026-02-01', '2026-02-21', 'transferred').join('gA', 'p6', '2026-02-21');
  log.join('gB', 'p7', '2026-02-10').leave('gB', 'p7', '2026-02-10', '2026-02-15', 'other');
  log.join('gB', 'p8', '2026-03-05');
  const otherProgram = new EventLog('org-1', 'prog-2').program().group('gX');
  otherProgram.join('gX', 'q1', '2026-01-01').leave('gX', 'q1', '2026-01-01', '2026-01-02', 'dropped_out');
  const otherOrg = new EventLog('org-2', 'prog-1').program().group('gA');
  for (const p of ['z1', 'z2', 'z3']) otherOrg.join('gA', p, '2026-01-01').leave('gA', p, '2026-01-01', '2026-01-02', 'dropped_out');
  await project(store, log, otherProgram, otherOrg);
});
afterAll(async () => chdb.dispose());

const base = { org: 'org-1', programId: 'prog-1', today: '2026-03-01' };
const shape = (points: { day: number; atRisk: number; events: number; censored: number }[]) => points.map((p) => [p.day, p.atRisk, p.events, p.censored]);

describe('runRetention against chDB', () => {
  it('draws the program curve with log-log Greenwood CI and the median', async () => {
    const { points, medianDays } = await runRetention(store, base);
    // times 5c, 8c, 10(2e, 1c), 20(1e, 1c), 50c over 8 episodes.
    expect(shape(points)).toEqual([[0, 8, 0, 0], [5, 8, 0, 1], [8, 7, 0, 1], [10, 6, 2, 1], [20, 3, 1, 1], [50, 1, 0, 1]]);
    expect(points.slice(0, 3).map((p) => [p.survival, p.ci95])).toEqual([[1, [1, 1]], [1, [1, 1]], [1, [1, 1]]]);
    // day 10: S = 1 − 2/6 = 2/3; Greenwood Σ = 2/(6·4) = 1/12; log-log CI [0.19462, 0.90443].
    expect(points[3]!.survival).toBeCloseTo(2 / 3, 12);
    expect(points[3]!.ci95[0]).toBeCloseTo(0.19462, 5);
    expect(points[3]!.ci95[1]).toBeCloseTo(0.90443, 5);
    // day 20: S = 2/3 × (1 − 1/3) = 4/9; Σ = 1/12 + 1/(3·2) = 1/4; CI [0.06619, 0.78491].
    expect(points[4]!.survival).toBeCloseTo(4 / 9, 12);
    expect(points[4]!.ci95[0]).toBeCloseTo(0.06619, 5);
    expect(points[4]!.ci95[1]).toBeCloseTo(0.78491, 5);
    expect(points[5]!.survival).toBeCloseTo(4 / 9, 12);
    // first S ≤ 0.5 on day 20.
    expect(medianDays).toBe(20);
  });

  it('draws one group (a member who came back by transfer counts in the new group)', async () => {
    const { points, medianDays } = await runRetention(store, { ...base, groupId: 'gA' });
    // gA: p6 8c, p1 10e, p2 10c, p3 20e, p4 50c: day 10 S = 3/4, day 20 S = 3/4 × 1/2 = 3/8.
    expect(shape(points)).toEqual([[0, 5, 0, 0], [8, 5, 0, 1], [10, 4, 1, 1], [20, 2, 1, 0], [50, 1, 0, 1]]);
    expect(points[2]!.survival).toBeCloseTo(0.75, 12);
    expect(points[3]!.survival).toBeCloseTo(0.375, 12);
    // Σ at day 20 = 1/(4·3) + 1/(2·1) = 7/12 → log-log CI [0.01097, 0.80800].
    expect(points[3]!.ci95[0]).toBeCloseTo(0.01097, 5);
    expect(points[3]!.ci95[1]).toBeCloseTo(0.808, 5);
    expect(medianDays).toBe(20);
  });

  it('draws a joining cohort, and a therapist sees only their groups', async () => {
    // joined in 2026-02: p5 10e, p6 (gB) 20c, p7 5c, p6 (gA) 8c → day 10: 2 at risk, S = 1/2 exactly = median.
    const cohort = await runRetention(store, { ...base, cohort: '2026-02' });
    expect(shape(cohort.points)).toEqual([[0, 4, 0, 0], [5, 4, 0, 1], [8, 3, 0, 1], [10, 2, 1, 0], [20, 1, 0, 1]]);
    expect(cohort.points[3]!.survival).toBe(0.5);
    expect(cohort.medianDays).toBe(10);
    // gB only: p7 5c, p5 10e, p6 20c (p8 joins after today).
    const therapist = await runRetention(store, { ...base, groupIds: ['gB'] });
    expect(shape(therapist.points)).toEqual([[0, 3, 0, 0], [5, 3, 0, 1], [10, 2, 1, 0], [20, 1, 0, 1]]);
    expect(therapist.medianDays).toBe(10);
    // a therapist asking for a group that is not theirs gets nothing.
    expect(await runRetention(store, { ...base, groupIds: ['gB'], groupId: 'gA' })).toEqual({ points: [], medianDays: null });
  });

  it('selects by joining date and censors at today what happens after it', async () => {
    // joined in January: p1 10e, p2 10c, p3 20e, p4 50c → 3/4 then 3/8.
    const january = await runRetention(store, { ...base, from: '2026-01-01', to: '2026-01-31' });
    expect(shape(january.points)).toEqual([[0, 4, 0, 0], [10, 4, 1, 1], [20, 2, 1, 0], [50, 1, 0, 1]]);
    expect(january.points[2]!.survival).toBeCloseTo(0.375, 12);
    // today 01-20: p3 leaves on 01-25, so he is still enrolled: censored at 15; p4 at 10; no Feb joins.
    const early = await runRetention(store, { ...base, today: '2026-01-20' });
    expect(shape(early.points)).toEqual([[0, 4, 0, 0], [10, 4, 1, 2], [15, 1, 0, 1]]);
    expect(early.points[1]!.survival).toBeCloseTo(0.75, 12);
    expect(early.medianDays).toBeNull();
  });

  it('answers an empty group, and never mixes in another org or program', async () => {
    expect(await runRetention(store, { ...base, groupId: 'gEmpty' })).toEqual({ points: [], medianDays: null });
    const other = await runRetention(store, { ...base, org: 'org-2' });
    expect(shape(other.points)).toEqual([[0, 3, 0, 0], [1, 3, 3, 0]]);
    expect(other.points[1]).toMatchObject({ survival: 0, ci95: [0, 0] });
    const plain = await runRetention(store, { ...base, ciMethod: 'plain' });
    // day 10 plain: 2/3 ± 1.96 × (2/3)·√(1/12) = 0.66667 ± 0.37720 → [0.28947, 1.04387 → 1].
    expect(plain.points[3]!.ci95[0]).toBeCloseTo(0.28947, 5);
    expect(plain.points[3]!.ci95[1]).toBe(1);
  });
});
