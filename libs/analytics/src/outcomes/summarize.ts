import type { InstrumentDefinition, JacobsonTruaxParams } from '#libs/instruments';
import { type ChangeStats, meanChangeOf, statsOf } from './change-stats.js';
import { rate } from './descriptive.js';
import { effectSizeOf } from './effect-size.js';
import type { JacobsonTruaxSummary, SummaryBase, ThresholdSummary } from './outcomes.types.js';
import { JACOBSON_TRUAX_FLAGS, jacobsonTruaxFlags, THRESHOLD_FLAGS, thresholdFlags } from './verdict-flags.js';

/** What the summaries read of one qualifying episode. */
export interface EpisodeChange {
  readonly groupId: string;
  readonly groupName: string;
  readonly facilitatorIds: readonly string[];
  /** First and latest valid score of the episode in the window (metric points for SWEMWBS). */
  readonly baseline: number;
  readonly latest: number;
  /** The episode had ended (a leave) by the window's end. */
  readonly finished: boolean;
}

/** One course of one participant in one group, as the outcome query gathered it. */
export interface OutcomeEpisode extends EpisodeChange {
  readonly participantId: string;
  readonly joinedOn: string;
  /** The leave date when the episode had ended by the window's end; otherwise null. */
  readonly leftOn: string | null;
  readonly baselineOn: string;
  readonly latestOn: string;
  readonly measures: number;
  readonly attendedSessions: number;
}

/** n, finished, ongoing, meanChange and the effect size: the same under both methods. */
export function summarizeBase(stats: ChangeStats): SummaryBase {
  return { n: stats.n, finished: stats.finished, ongoing: stats.n - stats.finished, meanChange: meanChangeOf(stats), effectSize: effectSizeOf(stats) };
}

/*
 * The summaries below list summarizeBase's fields one by one instead of spreading it: an object
 * literal that spreads and then adds more properties takes V8's slow path (~5 µs an object,
 * measured), and a program at 10 M events summarizes ~5 000 groups per request (~25 ms).
 */

const flagCount = (stats: ChangeStats, flags: readonly string[], name: string): number => stats.flagCounts[flags.indexOf(name)]!;

/**
 * Threshold method (OUTCOMES.md "Change and recovery") from statistics whose flags are
 * thresholdFlags' with the same `reliableChange`. Counts are null where the instrument has no
 * such rule. Rates: n is the denominator, except recovery and reliableRecovery (nCaseAtBaseline).
 */
export function thresholdSummary(definition: InstrumentDefinition, stats: ChangeStats, reliableChange?: number): ThresholdSummary {
  const hasThreshold = (reliableChange ?? definition.reliableChange.threshold) !== null;
  const hasCaseness = definition.caseness !== null;
  const hasResponse = definition.response !== undefined && definition.direction === 'lower-is-better';
  const hasRemission = definition.remission !== undefined;
  const count = (name: (typeof THRESHOLD_FLAGS)[number], defined: boolean) => (defined ? flagCount(stats, THRESHOLD_FLAGS, name) : null);

  const reliableImprovement = count('reliableImprovement', hasThreshold);
  const reliableDeterioration = count('reliableDeterioration', hasThreshold);
  const noReliableChange = count('noReliableChange', hasThreshold);
  const nCaseAtBaseline = count('caseAtBaseline', hasCaseness);
  const recovery = count('recovery', hasCaseness);
  const reliableRecovery = count('reliableRecovery', hasCaseness && hasThreshold);
  const response = count('response', hasResponse);
  const remission = count('remission', hasRemission);
  const n = stats.n;
  const base = summarizeBase(stats);
  return {
    n: base.n,
    finished: base.finished,
    ongoing: base.ongoing,
    meanChange: base.meanChange,
    effectSize: base.effectSize,
    nCaseAtBaseline,
    reliableImprovement,
    reliableDeterioration,
    noReliableChange,
    recovery,
    reliableRecovery,
    response,
    remission,
    rates: {
      nCaseAtBaseline: rate(nCaseAtBaseline, n),
      reliableImprovement: rate(reliableImprovement, n),
      reliableDeterioration: rate(reliableDeterioration, n),
      noReliableChange: rate(noReliableChange, n),
      recovery: rate(recovery, nCaseAtBaseline),
      reliableRecovery: rate(reliableRecovery, nCaseAtBaseline),
      response: rate(response, n),
      remission: rate(remission, n),
    },
  };
}

/** Jacobson–Truax categories (recovered, improved, unchanged, deteriorated) from statistics whose flags are jacobsonTruaxFlags'; rates over n. */
export function jacobsonTruaxSummary(stats: ChangeStats): JacobsonTruaxSummary {
  const count = (name: (typeof JACOBSON_TRUAX_FLAGS)[number]) => flagCount(stats, JACOBSON_TRUAX_FLAGS, name);
  const [recovered, improved, unchanged, deteriorated] = [count('recovered'), count('improved'), count('unchanged'), count('deteriorated')];
  const n = stats.n;
  const base = summarizeBase(stats);
  return {
    n: base.n,
    finished: base.finished,
    ongoing: base.ongoing,
    meanChange: base.meanChange,
    effectSize: base.effectSize,
    recovered,
    improved,
    unchanged,
    deteriorated,
    rates: { recovered: rate(recovered, n), improved: rate(improved, n), unchanged: rate(unchanged, n), deteriorated: rate(deteriorated, n) },
  };
}

/** The threshold summary of a list of episodes (`reliableChange` overrides the instrument's threshold, e.g. BARC-10). */
export function summarizeThreshold(definition: InstrumentDefinition, episodes: readonly EpisodeChange[], reliableChange?: number): ThresholdSummary {
  return thresholdSummary(definition, statsOf(episodes, thresholdFlags(definition, reliableChange)), reliableChange);
}

/** The Jacobson–Truax summary of a list of episodes. */
export function summarizeJacobsonTruax(params: JacobsonTruaxParams, episodes: readonly EpisodeChange[]): JacobsonTruaxSummary {
  return jacobsonTruaxSummary(statsOf(episodes, jacobsonTruaxFlags(params)));
}
