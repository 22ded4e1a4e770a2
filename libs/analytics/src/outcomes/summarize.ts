import { classifyChange, jacobsonTruax, type InstrumentDefinition, type JacobsonTruaxParams } from '#libs/instruments';
import { mean, rate } from './descriptive.js';
import { prePostEffectSize } from './effect-size.js';
import type { JacobsonTruaxSummary, SummaryBase, ThresholdSummary } from './outcomes.types.js';

/** What the summaries read of one qualifying episode (runOutcomes fetches only this). */
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
export function summarizeBase(episodes: readonly EpisodeChange[]): SummaryBase {
  const finished = episodes.filter((episode) => episode.finished).length;
  return {
    n: episodes.length,
    finished,
    ongoing: episodes.length - finished,
    meanChange: mean(episodes.map((episode) => episode.latest - episode.baseline)),
    effectSize: prePostEffectSize(
      episodes.map((episode) => episode.baseline),
      episodes.map((episode) => episode.latest),
    ),
  };
}

/** Counts the episodes where `pick` is true; null when the instrument has no such rule (pick gives null). */
function countWhere<T>(items: readonly T[], pick: (item: T) => boolean | null, defined: boolean): number | null {
  if (!defined) return null;
  return items.filter((item) => pick(item) === true).length;
}

/**
 * Threshold method (OUTCOMES.md "Change and recovery"), verdicts from `classifyChange`.
 * Rates: n is the denominator, except recovery and reliableRecovery (nCaseAtBaseline).
 * `reliableChange` overrides the instrument's threshold (configuration, e.g. BARC-10).
 */
export function summarizeThreshold(
  definition: InstrumentDefinition,
  episodes: readonly EpisodeChange[],
  reliableChange?: number,
): ThresholdSummary {
  const base = summarizeBase(episodes);
  const verdicts = episodes.map((e) => classifyChange(definition, e.baseline, e.latest, { reliableChange }));
  const hasThreshold = (reliableChange ?? definition.reliableChange.threshold) !== null;
  const hasCaseness = definition.caseness !== null;
  const hasResponse = definition.response !== undefined && definition.direction === 'lower-is-better';
  const hasRemission = definition.remission !== undefined;

  const reliableImprovement = countWhere(verdicts, (v) => v.reliableImprovement, hasThreshold);
  const reliableDeterioration = countWhere(verdicts, (v) => v.reliableDeterioration, hasThreshold);
  const noReliableChange = countWhere(verdicts, (v) => !v.reliableImprovement && !v.reliableDeterioration, hasThreshold);
  const nCaseAtBaseline = countWhere(verdicts, (v) => v.caseAtBaseline, hasCaseness);
  const recovery = countWhere(verdicts, (v) => v.recovery, hasCaseness);
  const reliableRecovery = countWhere(verdicts, (v) => v.reliableRecovery, hasCaseness && hasThreshold);
  const response = countWhere(verdicts, (v) => v.response, hasResponse);
  const remission = countWhere(verdicts, (v) => v.remission, hasRemission);
  const n = base.n;
  return {
    ...base,
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

/** Jacobson–Truax categories (recovered, improved, unchanged, deteriorated); rates over n. */
export function summarizeJacobsonTruax(params: JacobsonTruaxParams, episodes: readonly EpisodeChange[]): JacobsonTruaxSummary {
  const base = summarizeBase(episodes);
  const categories = episodes.map((e) => jacobsonTruax(params, e.baseline, e.latest).category);
  const count = (category: string) => categories.filter((c) => c === category).length;
  const recovered = count('recovered');
  const improved = count('improved');
  const unchanged = count('unchanged');
  const deteriorated = count('deteriorated');
  const n = base.n;
  return {
    ...base,
    recovered,
    improved,
    unchanged,
    deteriorated,
    rates: {
      recovered: rate(recovered, n),
      improved: rate(improved, n),
      unchanged: rate(unchanged, n),
      deteriorated: rate(deteriorated, n),
    },
  };
}
