import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { ValidationFailed } from '#libs/errors';
import { clinicalCutoff, getInstrument, type InstrumentDefinition, type JacobsonTruaxParams } from '#libs/instruments';
import { type BreakdownPage, byGroup, byTherapist, type GroupStats, therapistStats } from './breakdown.js';
import { type ChangeStats, changeSums, combineStats } from './change-stats.js';
import { iccOfClusterSums } from './icc.js';
import {
  OUTCOME_EPISODES_PRECOMPUTED_SQL,
  OUTCOME_EPISODES_SQL,
  OUTCOME_GROUP_LABELS_SQL,
  OUTCOME_GROUP_STATS_PRECOMPUTED_SQL,
  OUTCOME_GROUP_STATS_SQL,
  OUTCOME_PAIRS_PRECOMPUTED_SQL,
  OUTCOME_PAIRS_SQL,
  type OutcomeEpisodeSqlParams,
  type OutcomeEpisodeTuple,
  type OutcomeGroupLabelRow,
  type OutcomeGroupLabelTuple,
  type OutcomeGroupRow,
  type OutcomeGroupStatsRow,
  type OutcomeGroupStatsTuple,
} from './outcomes.sql.js';
import type { JacobsonTruaxOutcomes, OutcomesResult, ThresholdOutcomes } from './outcomes.types.js';
import { VerdictCache, type VerdictTable } from './verdict-cache.js';
import { jacobsonTruaxSummary, thresholdSummary, type OutcomeEpisode } from './summarize.js';
import { jacobsonTruaxFlags, thresholdFlags } from './verdict-flags.js';

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
    /**
     * A page of byGroup and byTherapist (each in its own order): at most breakdownLimit rows from
     * breakdownOffset; byGroupTotal/byTherapistTotal say how many there are. A program at 10 M
     * events has ~4 700 groups and ~3 000 therapists, more than a chart can show (5 MB of JSON).
     */
    breakdownLimit: z.coerce.number().int().min(0).max(10_000).optional(),
    breakdownOffset: z.coerce.number().int().min(0).default(0),
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

/** A group's statistics with its name and current facilitators (none known: '' and [], as a LEFT JOIN gives). */
function toGroupStats([groupId, n, finished, sumB, sumL, sumBB, sumLL, sumBL, flagCounts]: OutcomeGroupStatsTuple, label: OutcomeGroupLabelTuple | undefined): GroupStats {
  const stats: ChangeStats = { n, finished, sumB, sumL, sumBB, sumLL, sumBL, flagCounts };
  return { groupId, name: label?.[1] ?? '', facilitatorIds: label?.[2] ?? [], stats };
}

/** The row of a statement that aggregates without GROUP BY (always exactly one). */
function oneRow<T>(rows: readonly T[]): T {
  if (rows.length !== 1) throw new Error(`expected one row of groups, got ${rows.length}`);
  return rows[0]!;
}

/** The verdicts decided by earlier requests of this process (verdict-cache.ts). */
const PROCESS_VERDICTS = new VerdictCache();

/** How a request decides verdicts: `flagsOf`, and the key of its rule set in the cache. */
interface VerdictRules {
  readonly key: string;
  readonly flagsOf: (baseline: number, latest: number) => number;
}

/**
 * The statistics of each group's qualifying episodes: the per-group sums and verdict counts,
 * joined to the verdicts known so far. When an episode's (baseline, latest) pair has none yet,
 * the distinct pairs are read, `flagsOf` decides the new ones, and the sums are read again.
 * `windowed` = from/to given: computed from the measures; otherwise from episode_scores.
 */
async function readGroupStats(store: AnalyticsStore, params: OutcomeEpisodeSqlParams, windowed: boolean, rules: VerdictRules, verdicts: VerdictCache): Promise<GroupStats[]> {
  const statsFor = async (table: VerdictTable) =>
    oneRow(
      await store.query<OutcomeGroupStatsRow>(windowed ? OUTCOME_GROUP_STATS_SQL : OUTCOME_GROUP_STATS_PRECOMPUTED_SQL, {
        ...params,
        pairBaselines: table.baselines,
        pairLatests: table.latests,
        pairFlags: table.flags,
      }),
    );
  const learnPairs = async () => verdicts.learn(rules.key, await store.query<{ baseline: number; latest: number }>(windowed ? OUTCOME_PAIRS_SQL : OUTCOME_PAIRS_PRECOMPUTED_SQL, params), rules.flagsOf);
  const known = verdicts.tableFor(rules.key);
  const [first, labelRows] = await Promise.all([
    (async () => statsFor(known.flags.length > 0 ? known : await learnPairs()))(),
    store.query<OutcomeGroupLabelRow>(OUTCOME_GROUP_LABELS_SQL, params),
  ]);
  const stats = first.unknown > 0 ? await statsFor(await learnPairs()) : first;
  const labels = new Map(oneRow(labelRows).groups.map((label) => [label[0], label]));
  const groups = stats.groups.map((group) => toGroupStats(group, labels.get(group[0])));
  // therapistId: groups whose current facilitators include the therapist.
  return params.therapistId === '' ? groups : groups.filter((group) => group.facilitatorIds.includes(params.therapistId));
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
export async function runOutcomes(store: AnalyticsStore, input: OutcomesParams, verdicts: VerdictCache = PROCESS_VERDICTS): Promise<OutcomesResult> {
  const params = parse(input);
  const definition = instrumentOf(params.instrument);
  const jtParams = params.method === 'jacobson-truax' ? jacobsonTruaxParamsFor(definition, params.jacobsonTruax) : undefined;
  const units = definition.reliableChange.units;
  // Without a window the projector's per-episode rows answer; a window needs the measures' dates.
  const windowed = params.from !== undefined || params.to !== undefined;
  const reliableChange = params.reliableChange?.[definition.id];
  const rules: VerdictRules = {
    key: JSON.stringify([definition.id, params.method, jtParams ?? null, reliableChange ?? null]),
    flagsOf: jtParams ? jacobsonTruaxFlags(jtParams) : thresholdFlags(definition, reliableChange),
  };
  const groups = await readGroupStats(
    store,
    {
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
    },
    windowed,
    rules,
    verdicts,
  );
  const program = combineStats(groups.map((g) => g.stats));
  const icc = iccOfClusterSums(groups.map((g) => changeSums(g.stats)));
  const clustering = icc.present ? { icc: icc.icc, designEffect: icc.designEffect } : { iccAbsentReason: icc.reason };
  const therapists = therapistStats(groups);
  const page: BreakdownPage = { offset: params.breakdownOffset, limit: params.breakdownLimit };
  const totals = { byGroupTotal: groups.length, byTherapistTotal: therapists.length };

  if (jtParams) {
    const result: JacobsonTruaxOutcomes = {
      instrument: definition.id,
      method: 'jacobson-truax',
      units,
      ...jacobsonTruaxSummary(program),
      parameters: {
        r: jtParams.r,
        sdBaseline: jtParams.sdBaseline,
        sDiff: Math.SQRT2 * jtParams.sdBaseline * Math.sqrt(1 - jtParams.r),
        cutoff: clinicalCutoff(jtParams),
        source: jtParams.source,
      },
      ...clustering,
      ...totals,
      byGroup: byGroup(groups, jacobsonTruaxSummary, page),
      byTherapist: byTherapist(therapists, jacobsonTruaxSummary, page),
    };
    return result;
  }
  const summarize = (stats: ChangeStats) => thresholdSummary(definition, stats, reliableChange);
  const result: ThresholdOutcomes = {
    instrument: definition.id,
    method: 'threshold',
    units,
    ...summarize(program),
    ...clustering,
    ...totals,
    byGroup: byGroup(groups, summarize, page),
    byTherapist: byTherapist(therapists, summarize, page),
  };
  return result;
}
