import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { ValidationFailed } from '#libs/errors';
import { clinicalCutoff, getInstrument, type InstrumentDefinition, type JacobsonTruaxParams } from '#libs/instruments';
import { byGroup, byTherapist } from './breakdown.js';
import { iccOfChange } from './icc.js';
import {
  OUTCOME_CHANGES_PRECOMPUTED_SQL,
  OUTCOME_CHANGES_SQL,
  OUTCOME_EPISODES_PRECOMPUTED_SQL,
  OUTCOME_EPISODES_SQL,
  type OutcomeChangesRow,
  type OutcomeEpisodeSqlParams,
  type OutcomeEpisodeTuple,
  type OutcomeGroupRow,
} from './outcomes.sql.js';
import type { JacobsonTruaxOutcomes, OutcomesResult, ThresholdOutcomes } from './outcomes.types.js';
import { summarizeJacobsonTruax, summarizeThreshold, type EpisodeChange, type OutcomeEpisode } from './summarize.js';

export { OUTCOME_EPISODES_PRECOMPUTED_SQL, OUTCOME_EPISODES_SQL, type OutcomeEpisodeSqlParams, type OutcomeEpisodeTuple, type OutcomeGroupRow };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** Bounds of a ClickHouse `Date`: an open window side. */
const DATE_MIN = '1970-01-01';
const DATE_MAX = '2149-06-06';

/** Jacobson–Truax parameters a program supplies in configuration; `source` (the citation) is required. */
export const jacobsonTruaxParamsSchema = z.object({
  direction: z.enum(['lower-is-better', 'higher-is-better']),
  r: z.number().gt(0).lt(1),
  sdBaseline: z.number().positive(),
  meanClinical: z.number(),
  sdClinical: z.number().positive(),
  meanFunctional: z.number(),
  sdFunctional: z.number().positive(),
  source: z.string().min(1),
});

export const outcomesParams = z
  .object({
    org: z.string().min(1),
    programId: z.string().min(1),
    instrument: z.string().min(1),
    method: z.enum(['threshold', 'jacobson-truax']).default('threshold'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    groupId: z.string().min(1).optional(),
    therapistId: z.string().min(1).optional(),
    /** Scope: present for a therapist; only these groups' rows count. */
    groupIds: z.array(z.string().min(1)).optional(),
    /** Configuration: cited Jacobson–Truax parameters per instrument id; win over the definition's. */
    jacobsonTruax: z.record(z.string(), jacobsonTruaxParamsSchema).optional(),
    /** Configuration: reliable-change threshold per instrument id (e.g. BARC-10 has none published). */
    reliableChange: z.record(z.string(), z.number().positive()).optional(),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, { path: ['from'], message: 'from must not be after to' });

export type OutcomesParams = z.input<typeof outcomesParams>;
type Parsed = z.output<typeof outcomesParams>;

function parse(input: OutcomesParams): Parsed {
  const result = outcomesParams.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailed(result.error.issues.map((issue) => ({ path: `/${issue.path.join('/')}`, message: issue.message })));
}

function instrumentOf(id: string): InstrumentDefinition {
  const definition = getInstrument(id);
  if (!definition) throw new ValidationFailed([{ path: '/instrument', message: `unknown instrument ${id}` }]);
  if (definition.scoring.kind === 'subscale-means') {
    throw new ValidationFailed([{ path: '/instrument', message: `${id} has no total score to compare over time` }]);
  }
  return definition;
}

/** The cited parameters: configuration first, then the definition; none → 400 saying so. */
export function jacobsonTruaxParamsFor(definition: InstrumentDefinition, configured?: Record<string, JacobsonTruaxParams>): JacobsonTruaxParams {
  const params = configured?.[definition.id] ?? definition.jacobsonTruax;
  if (params) return params;
  throw new ValidationFailed(
    [{ path: '/instrument', message: `${definition.id} has no cited Jacobson–Truax parameters; use method=threshold or configure cited ones` }],
    `Jacobson–Truax is not available for ${definition.id}: no cited parameters.`,
  );
}

/** The episodes of one group row, in the query's order (group, participant, joined_on). */
export function toEpisodes(row: OutcomeGroupRow): OutcomeEpisode[] {
  return row.episodes.map(([participantId, joinedOn, leftOn, baseline, baselineOn, latest, latestOn, measures, attendedSessions]: OutcomeEpisodeTuple) => ({
    groupId: row.group_id,
    groupName: row.group_name,
    participantId,
    joinedOn,
    leftOn,
    finished: leftOn !== null,
    facilitatorIds: row.facilitator_ids,
    baseline,
    baselineOn,
    latest,
    latestOn,
    measures: Number(measures),
    attendedSessions: Number(attendedSessions),
  }));
}

/** The episodes of one OutcomeChangesRow, in the query's order (participant, joined_on). */
function toChanges(row: OutcomeChangesRow): EpisodeChange[] {
  return row.baselines.map((baseline, i) => ({
    groupId: row.group_id,
    groupName: row.group_name,
    facilitatorIds: row.facilitator_ids,
    baseline,
    latest: row.latests[i]!,
    finished: row.finished[i] === 1,
  }));
}

/**
 * Reads the qualifying episodes (one query), ordered by group, participant and joined_on.
 * `source`: 'measures' computes them from every measure in the window; 'episode-scores' reads
 * what the projector keeps per episode (no window: from/to must be the open bounds).
 * Exposed for tests and other read models.
 */
export async function readOutcomeEpisodes(store: AnalyticsStore, params: OutcomeEpisodeSqlParams, source: 'measures' | 'episode-scores' = 'measures'): Promise<OutcomeEpisode[]> {
  const rows = await store.query<OutcomeGroupRow>(source === 'measures' ? OUTCOME_EPISODES_SQL : OUTCOME_EPISODES_PRECOMPUTED_SQL, params);
  return rows.flatMap(toEpisodes);
}

/**
 * GET /programs/{programId}/outcomes without `asOf`. Each episode counts once (a participant
 * who rejoins, or sits in two groups, contributes one course per episode). Throws
 * ValidationFailed (400) for bad params, an unknown or total-less instrument, and
 * method=jacobson-truax without cited parameters (path `/instrument`).
 */
export async function runOutcomes(store: AnalyticsStore, input: OutcomesParams): Promise<OutcomesResult> {
  const params = parse(input);
  const definition = instrumentOf(params.instrument);
  const jtParams = params.method === 'jacobson-truax' ? jacobsonTruaxParamsFor(definition, params.jacobsonTruax) : undefined;
  const units = definition.reliableChange.units;
  // Without a window the projector's per-episode rows answer; a window needs the measures' dates.
  const windowed = params.from !== undefined || params.to !== undefined;
  const rows = await store.query<OutcomeChangesRow>(windowed ? OUTCOME_CHANGES_SQL : OUTCOME_CHANGES_PRECOMPUTED_SQL, {
    org: params.org,
    programId: params.programId,
    instrument: definition.id,
    useMetric: units === 'metric' ? 1 : 0,
    from: params.from ?? DATE_MIN,
    to: params.to ?? DATE_MAX,
    groupId: params.groupId ?? '',
    therapistId: params.therapistId ?? '',
    allGroups: params.groupIds ? 0 : 1,
    groupIds: params.groupIds ?? [],
  });
  const episodes = rows.flatMap(toChanges);
  const icc = iccOfChange(clustersOfChange(episodes));
  const clustering = icc.present ? { icc: icc.icc, designEffect: icc.designEffect } : { iccAbsentReason: icc.reason };

  if (jtParams) {
    const summarize = (list: readonly EpisodeChange[]) => summarizeJacobsonTruax(jtParams, list);
    const result: JacobsonTruaxOutcomes = {
      instrument: definition.id,
      method: 'jacobson-truax',
      units,
      ...summarize(episodes),
      parameters: {
        r: jtParams.r,
        sdBaseline: jtParams.sdBaseline,
        sDiff: Math.SQRT2 * jtParams.sdBaseline * Math.sqrt(1 - jtParams.r),
        cutoff: clinicalCutoff(jtParams),
        source: jtParams.source,
      },
      ...clustering,
      byGroup: byGroup(episodes, summarize),
      byTherapist: byTherapist(episodes, summarize),
    };
    return result;
  }
  const reliableChange = params.reliableChange?.[definition.id];
  const summarize = (list: readonly EpisodeChange[]) => summarizeThreshold(definition, list, reliableChange);
  const result: ThresholdOutcomes = {
    instrument: definition.id,
    method: 'threshold',
    units,
    ...summarize(episodes),
    ...clustering,
    byGroup: byGroup(episodes, summarize),
    byTherapist: byTherapist(episodes, summarize),
  };
  return result;
}

/** Change scores (latest − baseline) grouped by the episode's group: the clusters of the ICC. */
export function clustersOfChange(episodes: readonly EpisodeChange[]): number[][] {
  const clusters = new Map<string, number[]>();
  for (const episode of episodes) {
    const list = clusters.get(episode.groupId) ?? [];
    list.push(episode.latest - episode.baseline);
    clusters.set(episode.groupId, list);
  }
  return [...clusters.values()];
}
