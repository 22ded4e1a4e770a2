import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { ValidationFailed } from '#libs/errors';
import { DeadLetterSink, type DeadLetter } from '#libs/pipeline';
import { migrate, Projector } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { outcomeDatasets } from './testing/outcome-datasets.js';
import { readOutcomeEpisodes, runOutcomes, type OutcomesParams } from './outcomes.query.js';
import type { JacobsonTruaxOutcomes, ThresholdOutcomes } from './outcomes.types.js';

class CollectingSink extends DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  async send(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
  }
  count(): number {
    return this.letters.length;
  }
}

let chdb: TestChdbStore;
let store: AnalyticsStore;

beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'outcomes_int', readers: 1 });
  store = chdb.store;
  await migrate(store);
  const sink = new CollectingSink();
  await new Projector(store, { deadLetters: sink }).handleBatch(outcomeDatasets());
  expect(sink.letters).toEqual([]);
});

afterAll(async () => {
  await chdb?.dispose();
});

const threshold = (params: Omit<OutcomesParams, 'org' | 'method'>) =>
  runOutcomes(store, { org: 'org-1', method: 'threshold', ...params }) as Promise<ThresholdOutcomes>;

const jacobsonTruax = (params: Omit<OutcomesParams, 'org' | 'method'>) =>
  runOutcomes(store, { org: 'org-1', method: 'jacobson-truax', ...params }) as Promise<JacobsonTruaxOutcomes>;

/*
 * prog-phq, PHQ-9 (reliable change 6, case ≥ 10, response ≥ 50 % drop, remission < 5).
 * Qualifying episodes (baseline → latest, change, verdicts):
 *  Alpha  p1 20→8  −12 RI, case→not: recovery + reliable recovery, response (12 ≥ 10); finished (left 02-02, last measure that day)
 *         p2 12→19 +7  RD (same-day tie 12/13: 12 was recorded first)
 *         p3 11→8  −3  no RC; recovery without reliable improvement
 *         p4  6→2  −4  no RC; NOT a case at baseline (out of the recovery denominator); response (4 ≥ 3), remission
 *         p5 11→4  −7  RI, recovery, reliable recovery, response (7 ≥ 5.5), remission
 *         p7 16→10 −6  RI (the voided 25 is ignored); still a case (10)
 *         p8 10→10  0  no RC (the invalid 27 is ignored)
 *         pm 13→12 −1  no RC; finished (transferred 01-19): episode 1 of pm
 *  Beta   q1 18→9  −9  RI, recovery, reliable recovery, response (9 ≥ 9: the boundary counts); finished (dropped out 01-27)
 *         q2 10→10  0  no RC (a GAD-7 of 2 on 01-27 is another instrument)
 *         q3 15→21 +6  RD (recorded 14, rescored 15 under version 2)
 *         q4 12→5  −7  RI, recovery, reliable recovery, response; 5 is not < 5 (the 22 from before joining is not in the episode)
 *         pm 12→3  −9  RI, recovery, reliable recovery, response, remission: episode 2 of pm
 * Left out: p6 (one attended session), p9 (only invalid measures), p10 (one measure), everything of org-2.
 */
describe('threshold method on PHQ-9 (prog-phq)', () => {
  it('counts episodes and their verdicts', async () => {
    const result = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9' });
    expect(result).toMatchObject({
      instrument: 'PHQ-9',
      method: 'threshold',
      units: 'total',
      n: 13,
      finished: 3, // p1, pm (episode 1), q1
      ongoing: 10,
      nCaseAtBaseline: 12, // all but p4
      reliableImprovement: 6, // p1, p5, p7, q1, q4, pm-2
      reliableDeterioration: 2, // p2, q3
      noReliableChange: 5, // p3, p4, p8, pm-1, q2
      recovery: 6, // p1, p3, p5, q1, q4, pm-2
      reliableRecovery: 5, // the same but p3
      response: 6, // p1, p4, p5, q1, q4, pm-2
      remission: 3, // p4, p5, pm-2
    });
    // Σ change = −12 + 7 − 3 − 4 − 7 − 6 + 0 − 1 − 9 + 0 + 6 − 7 − 9 = −45 → −45/13
    expect(result.meanChange).toBeCloseTo(-45 / 13, 12);
    expect(result.rates).toEqual({
      nCaseAtBaseline: 12 / 13,
      reliableImprovement: 6 / 13,
      reliableDeterioration: 2 / 13,
      noReliableChange: 5 / 13,
      recovery: 6 / 12,
      reliableRecovery: 5 / 12,
      response: 6 / 13,
      remission: 3 / 13,
    });
  });

  it('effect size d with baseline SD and its CI', async () => {
    const { effectSize } = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9' });
    // baselines 20 12 11 6 11 16 10 13 18 10 15 12 12: mean 166/13 = 12.769231, SS = 164.307692,
    // SD = √(164.307692/12) = 3.700312 → d = (−45/13)/3.700312 = −0.935472.
    // latest mean 121/13 = 9.307692; Sxy = 75.923077, Syy = 382.769231 → r = 75.923077/√(164.307692·382.769231) = 0.302745.
    // Var = 2(1 − 0.302745)/13 + 0.935472²/26 = 0.107270 + 0.033658 = 0.140928 → half = 1.959964·0.375404 = 0.735778.
    expect(effectSize.type).toBe('d (baseline SD)');
    expect(effectSize.d).toBeCloseTo(-0.935472, 6);
    expect(effectSize.ci95![0]).toBeCloseTo(-1.67125, 5);
    expect(effectSize.ci95![1]).toBeCloseTo(-0.199694, 5);
  });

  it('ICC over change with the two groups as clusters: a negative estimate reported as 0', async () => {
    const result = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9' });
    // Alpha changes −12 7 −3 −4 −7 −6 0 −1 (mean −3.25), Beta −9 0 6 −7 −9 (mean −3.8); grand −45/13.
    // SSB = 8·(−3.25 + 3.461538)² + 5·(−3.8 + 3.461538)² = 0.357988 + 0.572781 = 0.930769 = MSB (df 1).
    // SSW = 224 + 170.3 = 394.3; MSW = 394.3/11 = 35.845455; k0 = (13 − 89/13)/1 = 6.153846.
    // estimate = (0.930769 − 35.845455)/(0.930769 + 5.153846·35.845455) = −0.188044 → reported 0; deff = 1.
    expect(result.icc).toBe(0);
    expect(result.designEffect).toBe(1);
    expect(result.iccAbsentReason).toBeUndefined();
  });

  it('breaks the counts down by group and by current facilitator (argMax: t-old was replaced)', async () => {
    const result = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9' });
    const alpha = { n: 8, finished: 2, ongoing: 6, nCaseAtBaseline: 7, reliableImprovement: 3, reliableDeterioration: 1, noReliableChange: 4, recovery: 3, reliableRecovery: 2, response: 3, remission: 2, meanChange: -26 / 8 };
    const beta = { n: 5, finished: 1, ongoing: 4, nCaseAtBaseline: 5, reliableImprovement: 3, reliableDeterioration: 1, noReliableChange: 1, recovery: 3, reliableRecovery: 3, response: 3, remission: 1, meanChange: -19 / 5 };
    expect(result.byGroup).toMatchObject([
      { groupId: 'g-alpha', name: 'Alpha', ...alpha, rates: { recovery: 3 / 7, reliableRecovery: 2 / 7, reliableImprovement: 3 / 8 } },
      { groupId: 'g-beta', name: 'Beta', ...beta, rates: { recovery: 3 / 5, reliableRecovery: 3 / 5, reliableImprovement: 3 / 5 } },
    ]);
    expect(result.byTherapist.map((t) => [t.therapistId, t.n])).toEqual([
      ['t1', 8],
      ['t2', 5],
      ['t3', 5],
    ]);
    expect(result.byTherapist[1]).toMatchObject(beta);
    expect(result).toMatchObject({ byGroupTotal: 2, byTherapistTotal: 3 });
  });

  it('pages both breakdowns in their own order, the totals and program counts unchanged', async () => {
    const second = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', breakdownLimit: 1, breakdownOffset: 1 });
    expect(second).toMatchObject({ n: 13, reliableImprovement: 6, byGroupTotal: 2, byTherapistTotal: 3 });
    expect(second.byGroup.map((g) => [g.groupId, g.n])).toEqual([['g-beta', 5]]);
    expect(second.byTherapist.map((t) => [t.therapistId, t.n])).toEqual([['t2', 5]]);
    const none = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', breakdownLimit: 0 });
    expect([none.byGroup, none.byTherapist, none.n]).toEqual([[], [], 13]);
    const past = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', breakdownOffset: 5 });
    expect([past.byGroup, past.byTherapist, past.byGroupTotal]).toEqual([[], [], 2]);
    await expect(threshold({ programId: 'prog-phq', instrument: 'PHQ-9', breakdownLimit: -1 })).rejects.toMatchObject({ status: 400, errors: [{ path: '/breakdownLimit' }] });
  });

  it('picks baseline and latest per episode: tie, void, invalid, rescore, leave day, measures before joining', async () => {
    const episodes = await readOutcomeEpisodes(store, {
      org: 'org-1',
      programId: 'prog-phq',
      instrument: 'PHQ-9',
      useMetric: 0,
      from: '1970-01-01',
      to: '2149-06-06',
      groupId: '',
      therapistId: '',
      allGroups: 1,
      groupIds: [],
    });
    const pick = (participantId: string, joinedOn?: string) => {
      const found = episodes.find((e) => e.participantId === participantId && (joinedOn === undefined || e.joinedOn === joinedOn));
      return found && [found.baseline, found.baselineOn, found.latest, found.latestOn, found.measures, found.attendedSessions, found.leftOn];
    };
    expect(pick('p1')).toEqual([20, '2026-01-05', 8, '2026-02-02', 3, 4, '2026-02-02']);
    expect(pick('p2')).toEqual([12, '2026-01-05', 19, '2026-01-26', 3, 3, null]);
    expect(pick('p3')).toEqual([11, '2026-01-05', 8, '2026-01-19', 2, 3, null]); // late counts as attended
    expect(pick('p7')).toEqual([16, '2026-01-12', 10, '2026-01-26', 2, 3, null]);
    expect(pick('p8')).toEqual([10, '2026-01-12', 10, '2026-01-26', 2, 3, null]);
    expect(pick('q3')).toEqual([15, '2026-01-06', 21, '2026-01-20', 2, 3, null]);
    expect(pick('q4')).toEqual([12, '2026-01-13', 5, '2026-01-20', 2, 2, null]);
    expect(pick('pm', '2026-01-05')).toEqual([13, '2026-01-05', 12, '2026-01-12', 2, 2, '2026-01-19']);
    expect(pick('pm', '2026-01-20')).toEqual([12, '2026-01-20', 3, '2026-01-27', 2, 2, null]);
    expect(pick('p6')).toBeUndefined();
    expect(pick('p9')).toBeUndefined();
    expect(pick('p10')).toBeUndefined();
    expect(episodes.some((e) => e.participantId === 'x1')).toBe(false);
  });
});

describe('one participant in two groups at once (prog-dual)', () => {
  it('each episode takes only the measures of its own group', async () => {
    // D1 20→10 (−10), D2 15→14 (−1): n = 2, mean −5.5. Mixing groups would give 20→14 twice (−6).
    const result = await threshold({ programId: 'prog-dual', instrument: 'PHQ-9' });
    expect(result).toMatchObject({ n: 2, meanChange: -5.5, reliableImprovement: 1 });
    expect(result.byGroup.map((g) => [g.name, g.meanChange])).toEqual([
      ['Dual one', -10],
      ['Dual two', -1],
    ]);
    // One therapist runs both groups: the participant's two episodes count twice for t8.
    expect(result.byTherapist).toMatchObject([{ therapistId: 't8', n: 2 }]);
  });
});

describe('filters and scope (prog-phq)', () => {
  it('groupId keeps one group', async () => {
    const result = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', groupId: 'g-beta' });
    expect(result).toMatchObject({ n: 5, finished: 1, reliableImprovement: 3, recovery: 3, meanChange: -3.8 });
    expect(result.byGroup.map((g) => g.groupId)).toEqual(['g-beta']);
    // Only one group left: ICC is absent and says why.
    expect(result.icc).toBeUndefined();
    expect(result.iccAbsentReason).toContain('at least 2 groups');
  });

  it('therapistId keeps the groups the therapist currently facilitates', async () => {
    expect((await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', therapistId: 't1' })).n).toBe(8);
    expect((await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', therapistId: 't3' })).n).toBe(5);
    const replaced = await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', therapistId: 't-old' });
    expect(replaced).toMatchObject({ n: 0, finished: 0, ongoing: 0, meanChange: null, byGroup: [], byTherapist: [] });
    expect(replaced.effectSize).toEqual({ type: 'd (baseline SD)', d: null, ci95: null });
    expect(Object.values(replaced.rates).every((value) => value === null)).toBe(true);
  });

  it('scope groupIds: only those groups count, even with a groupId outside them', async () => {
    expect((await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', groupIds: ['g-beta'] })).n).toBe(5);
    expect((await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', groupIds: ['g-beta'], groupId: 'g-alpha' })).n).toBe(0);
    expect((await threshold({ programId: 'prog-phq', instrument: 'PHQ-9', groupIds: [] })).n).toBe(0);
  });

  it("another org's rows never count (same program, group, participant and measure ids in org-2)", async () => {
    const org2 = (await runOutcomes(store, { org: 'org-2', programId: 'prog-phq', instrument: 'PHQ-9' })) as ThresholdOutcomes;
    // org-2 alone: p1 27→0 and x1 27→0 (its rescoring targets a measure id it does not have).
    expect(org2).toMatchObject({ n: 2, meanChange: -27, reliableImprovement: 2 });
    expect(org2.byTherapist.map((t) => [t.therapistId, t.n])).toEqual([['t1', 2]]);
  });
});

/*
 * prog-window: w1 20 (03-02), 15 (03-09), 12 (03-16), 6 (03-30), left 03-30, attended all 5 sessions;
 * w2 10 (03-02), 4 (03-23), attended 03-02 and 03-09.
 */
describe('window from/to and finished vs ongoing (prog-window)', () => {
  it('no window: w1 20→6 finished, w2 10→4 ongoing', async () => {
    const result = await threshold({ programId: 'prog-window', instrument: 'PHQ-9' });
    expect(result).toMatchObject({ n: 2, finished: 1, ongoing: 1, meanChange: (-14 - 6) / 2 });
  });

  it('from 03-09 to 03-23: w1 15→12 with 3 sessions, ongoing at the window end; w2 has one measure in it', async () => {
    const result = await threshold({ programId: 'prog-window', instrument: 'PHQ-9', from: '2026-03-09', to: '2026-03-23' });
    expect(result).toMatchObject({ n: 1, finished: 0, ongoing: 1, meanChange: -3 });
    // A single member: no SD, no effect size.
    expect(result.effectSize).toEqual({ type: 'd (baseline SD)', d: null, ci95: null });
  });

  it('from only (03-16): w1 12→6, finished; to only (03-09): w1 20→15, ongoing', async () => {
    expect(await threshold({ programId: 'prog-window', instrument: 'PHQ-9', from: '2026-03-16' })).toMatchObject({ n: 1, finished: 1, meanChange: -6 });
    expect(await threshold({ programId: 'prog-window', instrument: 'PHQ-9', to: '2026-03-09' })).toMatchObject({ n: 1, ongoing: 1, meanChange: -5 });
  });
});

/*
 * prog-wb, SWEMWBS on metric scores (reliable change 3 metric points, higher is better):
 * s1 18.59→21.54 (+2.95), s2 15.84→17.98 (+2.14), s3 19.98→23.21 (+3.23 RI), s4 22.35→19.25 (−3.10 RD).
 * On raw sums (+4, +4, +4, −4) three would count as reliable improvement: they must not.
 */
describe('SWEMWBS uses metric scores (prog-wb)', () => {
  it('classifies on metric points and reports them', async () => {
    const result = await threshold({ programId: 'prog-wb', instrument: 'SWEMWBS' });
    expect(result).toMatchObject({ units: 'metric', n: 4, reliableImprovement: 1, reliableDeterioration: 1, noReliableChange: 2 });
    expect(result).toMatchObject({ nCaseAtBaseline: null, recovery: null, reliableRecovery: null, response: null, remission: null });
    // (2.95 + 2.14 + 3.23 − 3.10)/4 = 5.22/4 = 1.305
    expect(result.meanChange).toBeCloseTo(1.305, 10);
    expect(result.iccAbsentReason).toContain('1 such group');
  });

  it('Jacobson–Truax with parameters injected by configuration', async () => {
    // Illustrative parameters (not clinical): r 0.9, SD 3 → S_diff = √2·3·√0.1 = 1.341641, reliable beyond 1.96·1.341641 = 2.629616;
    // c = (3·24 + 3·18)/(3 + 3) = 21. s1 +2.95 reliable, 18.59 ≤ 21 → 21.54 > 21: recovered; s2 +2.14 unchanged;
    // s3 +3.23 reliable, 19.98 → 23.21: recovered; s4 −3.10 deteriorated.
    const result = await jacobsonTruax({
      programId: 'prog-wb',
      instrument: 'SWEMWBS',
      jacobsonTruax: {
        SWEMWBS: { direction: 'higher-is-better', r: 0.9, sdBaseline: 3, meanClinical: 18, sdClinical: 3, meanFunctional: 24, sdFunctional: 3, source: 'test fixture, not a clinical source' },
      },
    });
    expect(result).toMatchObject({ method: 'jacobson-truax', n: 4, recovered: 2, improved: 0, unchanged: 1, deteriorated: 1 });
    expect(result.parameters).toMatchObject({ cutoff: 21, source: 'test fixture, not a clinical source' });
  });
});

/*
 * prog-core, CORE-10 with the definition's cited parameters: r 0.90, SD 7.7 → S_diff = √2·7.7·√0.1 = 3.443545;
 * reliable when |change| > 1.96·3.443545 = 6.749; c = (7.7·4.7 + 4.8·19.7)/12.5 = 10.46.
 * c1 20→8 (−12, 20 ≥ c → 8 < c): recovered; c2 25→15 (−10, still ≥ c): improved; c3 15→10 (−5): unchanged; c4 12→20 (+8): deteriorated.
 */
describe('Jacobson–Truax on CORE-10 (prog-core)', () => {
  it('counts the four categories, rates over n, and says which parameters it used', async () => {
    const result = await jacobsonTruax({ programId: 'prog-core', instrument: 'CORE-10' });
    expect(result).toMatchObject({ instrument: 'CORE-10', method: 'jacobson-truax', n: 4, recovered: 1, improved: 1, unchanged: 1, deteriorated: 1, meanChange: -4.75 });
    expect(result.rates).toEqual({ recovered: 0.25, improved: 0.25, unchanged: 0.25, deteriorated: 0.25 });
    expect(result.parameters.cutoff).toBeCloseTo(10.46, 10);
    expect(result.parameters.sDiff).toBeCloseTo(3.443545, 6);
    expect(result.parameters.source).toContain('Jacobson NS, Truax P');
    expect(result.byGroup).toMatchObject([{ groupId: 'g-core', name: 'Core', recovered: 1, improved: 1, unchanged: 1, deteriorated: 1 }]);
    expect(result.byTherapist).toMatchObject([{ therapistId: 't6', n: 4 }]);
    expect('reliableImprovement' in result).toBe(false);
  });
});

describe('400s and empty programs', () => {
  it('jacobson-truax on an instrument without cited parameters is a ValidationFailed on /instrument', async () => {
    const attempt = jacobsonTruax({ programId: 'prog-phq', instrument: 'PHQ-9' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationFailed);
    await expect(attempt).rejects.toMatchObject({ status: 400, errors: [{ path: '/instrument', message: expect.stringContaining('no cited Jacobson–Truax parameters') }] });
  });

  it('unknown or total-less instruments and bad dates are 400s', async () => {
    await expect(threshold({ programId: 'prog-phq', instrument: 'XYZ' })).rejects.toMatchObject({ status: 400, errors: [{ path: '/instrument' }] });
    await expect(threshold({ programId: 'prog-phq', instrument: 'GCQ-S' })).rejects.toMatchObject({ status: 400, errors: [{ path: '/instrument' }] });
    await expect(threshold({ programId: 'prog-phq', instrument: 'PHQ-9', from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({ status: 400, errors: [{ path: '/from' }] });
  });

  it('a program whose only group has no members answers zeros and nulls', async () => {
    const result = await threshold({ programId: 'prog-empty', instrument: 'PHQ-9' });
    expect(result).toMatchObject({ n: 0, finished: 0, ongoing: 0, nCaseAtBaseline: 0, reliableImprovement: 0, meanChange: null, byGroup: [], byTherapist: [] });
    expect(result.iccAbsentReason).toContain('0 such group');
  });
});
