import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { EventLog, project } from '../cohesion/testing/event-log.js';
import { MEAN_DECIMALS, runTrends, type TrendsParams } from './trends.query.js';

let chdb: TestChdbStore;
let store: AnalyticsStore;
/** The same logs, one event per batch: the projector refreshes participant_scores batch by batch. */
let oneByOne: AnalyticsStore;

/**
 * PHQ-9 of prog-1 (p1, p2 in gA; p3 in gB), by ISO week (Monday start):
 * week 2026-01-05: p1 Mon 01-05 20, p1 Wed 01-07 10, p2 Sun 01-11 9 (Sunday ends the week);
 * week 2026-01-12: p2 Mon 01-12 6, p3 01-13 12, p3 01-14 27 VOIDED, p3 01-15 INVALID,
 *                  p1 01-16 4 rescored to 5;
 * week 2026-01-26: p1 Sun 02-01 3.
 * Milestones: p1 01-06, p2 01-20, p3 03-02. SWEMWBS metric: p1 01-05 19.25, p2 01-06 26.02.
 * Never counted: org-2 (same ids, PHQ-9 27) and prog-2 of org-1 (PHQ-9 0).
 */
beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'trends_it', readers: 2 });
  store = chdb.store;
  await migrate(store);
  const log = new EventLog('org-1', 'prog-1').program().group('gA').group('gB');
  log.join('gA', 'p1', '2026-01-01').join('gA', 'p2', '2026-01-01').join('gB', 'p3', '2026-01-01');
  const phq9 = (l: EventLog, measureId: string, participantId: string, administeredOn: string, total: number | null) =>
    l.measure({ measureId, participantId, instrument: 'PHQ-9', administeredOn, score: total === null ? { total, valid: false } : { total, valid: true } });
  phq9(log, 'ph-1', 'p1', '2026-01-05', 20);
  phq9(log, 'ph-2', 'p1', '2026-01-07', 10);
  phq9(log, 'ph-3', 'p2', '2026-01-11', 9);
  phq9(log, 'ph-4', 'p2', '2026-01-12', 6);
  phq9(log, 'ph-5', 'p3', '2026-01-13', 12);
  phq9(log, 'ph-6', 'p3', '2026-01-14', 27).void('ph-6', 'p3');
  phq9(log, 'ph-7', 'p3', '2026-01-15', null);
  phq9(log, 'ph-8', 'p1', '2026-01-16', 4).rescore('ph-8', 'p1', 'PHQ-9', 2, { total: 5, valid: true });
  phq9(log, 'ph-9', 'p1', '2026-02-01', 3);
  log.measure({ measureId: 'sw-1', participantId: 'p1', instrument: 'SWEMWBS', administeredOn: '2026-01-05', score: { total: 21, metric: 19.25, valid: true } });
  log.measure({ measureId: 'sw-2', participantId: 'p2', instrument: 'SWEMWBS', administeredOn: '2026-01-06', score: { total: 28, metric: 26.02, valid: true } });
  log.milestone('ms-1', 'p1', 'abstinent_30_days', '2026-01-06', 30).milestone('ms-2', 'p2', 'goal_achieved', '2026-01-20').milestone('ms-3', 'p3', 'returned_to_work_or_study', '2026-03-02');
  const otherOrg = new EventLog('org-2', 'prog-1').program().group('gA').join('gA', 'p1', '2026-01-01');
  phq9(otherOrg, 'ph-1', 'p1', '2026-01-05', 27);
  otherOrg.milestone('ms-9', 'p1', 'other', '2026-01-05');
  const otherProgram = new EventLog('org-1', 'prog-2').program();
  phq9(otherProgram, 'ph-x', 'p9', '2026-01-05', 0);
  await project(store, log, otherOrg, otherProgram);
  oneByOne = await openChdbAnalyticsStore({ path: chdb.path, database: 'trends_one_by_one', readers: 1 });
  await migrate(oneByOne);
  const projector = new Projector(oneByOne, { deadLetters: new InMemoryDeadLetterSink({ log: () => undefined }) });
  for (const event of [log, otherOrg, otherProgram].flatMap((l) => l.events)) await projector.handleBatch([event]);
});
afterAll(async () => {
  await oneByOne?.close();
  await chdb.dispose();
});

const base = { org: 'org-1', programId: 'prog-1' };
const rounded = (items: { bucket: string; mean: number | null; n: number; milestones: number }[]) =>
  items.map((i) => [i.bucket, i.mean === null ? null : Math.round(i.mean * 10_000) / 10_000, i.n, i.milestones]);

describe('runTrends against chDB', () => {
  it('averages valid non-voided scores per Monday week, fills empty weeks, counts milestones', async () => {
    const { items } = await runTrends(store, { ...base, instrument: 'PHQ-9', bucket: 'week' });
    expect(rounded(items)).toEqual([
      ['2026-01-05', 13, 3, 1], // (20 + 10 + 9)/3; milestone 01-06
      ['2026-01-12', 7.6667, 3, 0], // (6 + 12 + 5)/3 = 23/3: 27 voided, invalid left out, 4 rescored to 5
      ['2026-01-19', null, 0, 1], // no measure; milestone 01-20
      ['2026-01-26', 3, 1, 0], // Sunday 02-01 belongs to the week of Monday 01-26
      ['2026-02-02', null, 0, 0],
      ['2026-02-09', null, 0, 0],
      ['2026-02-16', null, 0, 0],
      ['2026-02-23', null, 0, 0],
      ['2026-03-02', null, 0, 1],
    ]);
  });

  it('buckets by calendar month', async () => {
    const { items } = await runTrends(store, { ...base, instrument: 'PHQ-9', bucket: 'month' });
    // January: (20 + 10 + 9 + 6 + 12 + 5)/6 = 62/6; February: 3; March: milestone only.
    expect(rounded(items)).toEqual([['2026-01-01', 10.3333, 6, 2], ['2026-02-01', 3, 1, 0], ['2026-03-01', null, 0, 1]]);
  });

  it('rounds each mean to MEAN_DECIMALS, so the same data always gives the same number', async () => {
    // avg adds partial sums in the order threads finish (35.14 vs 35.13999999999999); 62/6 and 23/3 come back rounded.
    const month = await runTrends(store, { ...base, instrument: 'PHQ-9', bucket: 'month' });
    expect(month.items[0]!.mean).toBe(Number((62 / 6).toFixed(MEAN_DECIMALS)));
    const week = await runTrends(store, { ...base, instrument: 'PHQ-9', bucket: 'week' });
    expect(week.items[1]!.mean).toBe(7.666667);
  });

  it('uses the metric score for SWEMWBS and has no mean for GCQ-S (no total)', async () => {
    const swemwbs = await runTrends(store, { ...base, instrument: 'SWEMWBS', bucket: 'month' });
    // (19.25 + 26.02)/2 = 22.635, not the raw (21 + 28)/2.
    expect(rounded(swemwbs.items)).toEqual([['2026-01-01', 22.635, 2, 2], ['2026-02-01', null, 0, 0], ['2026-03-01', null, 0, 1]]);
    const gcqs = await runTrends(store, { ...base, instrument: 'GCQ-S', bucket: 'month' });
    expect(rounded(gcqs.items)).toEqual([['2026-01-01', null, 0, 2], ['2026-02-01', null, 0, 0], ['2026-03-01', null, 0, 1]]);
  });

  it('limits to a window and, for a therapist, to their groups’ members', async () => {
    const window = await runTrends(store, { ...base, instrument: 'PHQ-9', bucket: 'month', from: '2026-01-12', to: '2026-01-31' });
    // 6, 12, 5 → 23/3; milestone 01-20.
    expect(rounded(window.items)).toEqual([['2026-01-01', 7.6667, 3, 1]]);
    const therapist = await runTrends(store, { ...base, groupIds: ['gB'], instrument: 'PHQ-9', bucket: 'month' });
    // p3 only: 12 (27 voided, one invalid); milestone 03-02.
    expect(rounded(therapist.items)).toEqual([['2026-01-01', 12, 1, 0], ['2026-02-01', null, 0, 0], ['2026-03-01', null, 0, 1]]);
  });

  it('is the same when every event was projected in a batch of its own (void, rescoring and invalid score arriving later)', async () => {
    const cases: TrendsParams[] = [
      { ...base, instrument: 'PHQ-9', bucket: 'week' },
      { ...base, instrument: 'SWEMWBS', bucket: 'month' },
      { ...base, instrument: 'PHQ-9', bucket: 'month', groupIds: ['gB'] },
    ];
    for (const params of cases) {
      const expected = await runTrends(store, params);
      expect(expected.items.some((i) => i.n > 0)).toBe(true);
      expect(await runTrends(oneByOne, params)).toEqual(expected);
    }
  });

  it('answers nothing for a program without data, never another org, and rejects an unknown instrument', async () => {
    expect(await runTrends(store, { ...base, programId: 'prog-none', instrument: 'PHQ-9', bucket: 'week' })).toEqual({ items: [] });
    const other = await runTrends(store, { org: 'org-2', programId: 'prog-1', instrument: 'PHQ-9', bucket: 'month' });
    expect(rounded(other.items)).toEqual([['2026-01-01', 27, 1, 1]]);
    await expect(runTrends(store, { ...base, instrument: 'BDI-II', bucket: 'week' })).rejects.toThrow();
  });
});
