import { describe, expect, it } from '@jest/globals';
import { getInstrument, type JacobsonTruaxParams } from '#libs/instruments';
import { byGroup, byTherapist, groupStatsOf, therapistStats } from './breakdown.js';
import type { ChangeStats } from './change-stats.js';
import { summarizeJacobsonTruax, summarizeThreshold, type OutcomeEpisode } from './summarize.js';

function episode(baseline: number, latest: number, extra: Partial<OutcomeEpisode> = {}): OutcomeEpisode {
  return {
    finished: (extra.leftOn ?? null) !== null,
    groupId: 'g1',
    groupName: 'Alpha',
    participantId: `p-${baseline}-${latest}`,
    joinedOn: '2026-01-05',
    leftOn: null,
    facilitatorIds: ['t1'],
    baseline,
    baselineOn: '2026-01-05',
    latest,
    latestOn: '2026-02-02',
    measures: 2,
    attendedSessions: 2,
    ...extra,
  };
}

const phq9 = getInstrument('PHQ-9')!;
const swemwbs = getInstrument('SWEMWBS')!;

describe('summarizeThreshold: counts and rates', () => {
  // PHQ-9: reliable change 6, caseness ≥ 10, response ≥ 50 % drop, remission < 5.
  const episodes = [
    episode(20, 8, { leftOn: '2026-02-02' }), // −12: RI, case → not case: recovery + reliable recovery, response, no remission
    episode(12, 19), // +7: RD, case stays case
    episode(11, 8), // −3: no reliable change, recovery without reliable improvement
    episode(6, 2), // −4: non-case at baseline (out of the recovery denominator), response, remission
  ];
  const summary = summarizeThreshold(phq9, episodes);

  it('counts each verdict', () => {
    expect(summary).toMatchObject({
      n: 4,
      finished: 1,
      ongoing: 3,
      nCaseAtBaseline: 3,
      reliableImprovement: 1,
      reliableDeterioration: 1,
      noReliableChange: 2,
      recovery: 2,
      reliableRecovery: 1,
      response: 2,
      remission: 1,
      meanChange: (-12 + 7 - 3 - 4) / 4, // −3
    });
  });

  it('uses n as denominator except recovery and reliable recovery (nCaseAtBaseline)', () => {
    expect(summary.rates).toEqual({
      nCaseAtBaseline: 3 / 4,
      reliableImprovement: 1 / 4,
      reliableDeterioration: 1 / 4,
      noReliableChange: 2 / 4,
      recovery: 2 / 3,
      reliableRecovery: 1 / 3,
      response: 2 / 4,
      remission: 1 / 4,
    });
  });

  it('gives null (not 0) where the instrument has no rule, and null rates for an empty set', () => {
    const wb = summarizeThreshold(swemwbs, [episode(18.59, 21.54), episode(19.98, 23.21)]);
    expect(wb).toMatchObject({ nCaseAtBaseline: null, recovery: null, reliableRecovery: null, response: null, remission: null });
    expect(wb.reliableImprovement).toBe(1); // +3.23 ≥ 3 metric points; +2.95 is not
    expect(wb.rates.recovery).toBeNull();
    const empty = summarizeThreshold(phq9, []);
    expect(empty).toMatchObject({ n: 0, meanChange: null, reliableImprovement: 0, nCaseAtBaseline: 0 });
    expect(Object.values(empty.rates).every((value) => value === null)).toBe(true);
  });

  it('takes a configured reliable-change threshold over the definition', () => {
    const barc = getInstrument('BARC-10')!;
    expect(summarizeThreshold(barc, [episode(30, 40)]).reliableImprovement).toBeNull();
    expect(summarizeThreshold(barc, [episode(30, 40)], 8).reliableImprovement).toBe(1);
  });
});

describe('summarizeJacobsonTruax', () => {
  it('counts categories over n', () => {
    // CORE-10: S_diff = √2·7.7·√0.1 = 3.443545; reliable when |change| > 1.96·3.443545 = 6.749; c = 10.46.
    const params: JacobsonTruaxParams = getInstrument('CORE-10')!.jacobsonTruax!;
    const summary = summarizeJacobsonTruax(params, [episode(20, 8), episode(25, 15), episode(15, 10), episode(12, 20)]);
    expect(summary).toMatchObject({ n: 4, recovered: 1, improved: 1, unchanged: 1, deteriorated: 1, meanChange: -4.75 });
    expect(summary.rates).toEqual({ recovered: 0.25, improved: 0.25, unchanged: 0.25, deteriorated: 0.25 });
  });
});

describe('breakdowns', () => {
  it('by group (sorted by name) and by each facilitator of the episode group', () => {
    const episodes = [
      episode(20, 8, { groupId: 'g2', groupName: 'Beta', facilitatorIds: ['t2', 't3'] }),
      episode(12, 19),
      episode(11, 8, { groupId: 'g2', groupName: 'Beta', facilitatorIds: ['t2', 't3'] }),
    ];
    const groups = groupStatsOf(episodes, () => 0);
    const count = (stats: ChangeStats) => ({ n: stats.n });
    expect(byGroup(groups, count)).toEqual([
      { groupId: 'g1', name: 'Alpha', n: 1 },
      { groupId: 'g2', name: 'Beta', n: 2 },
    ]);
    expect(byTherapist(therapistStats(groups), count)).toEqual([
      { therapistId: 't1', n: 1 },
      { therapistId: 't2', n: 2 },
      { therapistId: 't3', n: 2 },
    ]);
  });
});
