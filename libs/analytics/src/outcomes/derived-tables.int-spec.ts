/**
 * The tables the projector derives per participant after each batch (libs/projector/src/derived):
 * episode_scores (outcomes without a window), participant_scores (trends), measures_current
 * (members, cohesion, timeline). On the hand-worked datasets of outcomes.int-spec.ts (voids,
 * invalid scores, rescorings, same-day ties, rejoins; the other int-specs check their readers'
 * numbers by hand): episode_scores equals the measures path, and every reader answers the same
 * whether the log was projected in one batch, one event per batch (every arrival order the log
 * has), or backfilled by migrate; an erasure leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { recorded } from '#testing/projector';
import { outcomeDatasets } from './testing/outcome-datasets.js';
import { runGroupCohesion } from '../cohesion/group-cohesion.query.js';
import { runGroupMembers } from '../cohesion/group-members.query.js';
import { runParticipantTimeline } from '../timeline/participant-timeline.query.js';
import { runTrends } from '../trends/trends.query.js';
import { getInstrument } from '#libs/instruments';
import { readOutcomeEpisodes, runOutcomes, type OutcomeEpisodeSqlParams } from './outcomes.query.js';
import type { ThresholdOutcomes } from './outcomes.types.js';
import { summarizeJacobsonTruax, summarizeThreshold } from './summarize.js';

// chDB: one live data path per process; a database per way of projecting.
const dir = mkdtempSync(join(tmpdir(), 'episode-scores-int-'));
const opened: AnalyticsStore[] = [];
const deadLetters = new InMemoryDeadLetterSink({ log: () => undefined });

async function projected(database: string, batches: readonly (readonly ReturnType<typeof outcomeDatasets>[number][])[]): Promise<AnalyticsStore> {
  const store = await openChdbAnalyticsStore({ path: join(dir, 'chdb'), database, readers: 1 });
  opened.push(store);
  await migrate(store);
  const projector = new Projector(store, { deadLetters });
  for (const batch of batches) await projector.handleBatch(batch);
  return store;
}

const open = { from: '1970-01-01', to: '2149-06-06' };
const base = { org: 'org-1', groupId: '', therapistId: '', allGroups: 1 as const, groupIds: [], useMetric: 0 as const, ...open };
/** Every program and instrument of the datasets, and the filters of outcomes.int-spec.ts. */
const cases: readonly OutcomeEpisodeSqlParams[] = [
  { ...base, programId: 'prog-phq', instrument: 'PHQ-9' },
  { ...base, programId: 'prog-phq', instrument: 'GAD-7' },
  { ...base, programId: 'prog-phq', instrument: 'PHQ-9', groupId: 'g-alpha' },
  { ...base, programId: 'prog-phq', instrument: 'PHQ-9', therapistId: 't2' },
  { ...base, programId: 'prog-phq', instrument: 'PHQ-9', allGroups: 0, groupIds: ['g-beta'] },
  { ...base, programId: 'prog-window', instrument: 'PHQ-9' },
  { ...base, programId: 'prog-wb', instrument: 'SWEMWBS', useMetric: 1 },
  { ...base, programId: 'prog-core', instrument: 'CORE-10' },
  { ...base, programId: 'prog-dual', instrument: 'PHQ-9' },
  { ...base, programId: 'prog-empty', instrument: 'PHQ-9' },
  { ...base, org: 'org-2', programId: 'prog-phq', instrument: 'PHQ-9' },
];

/** The measures path on `reference` and the episode_scores path on `store`, case by case. */
async function expectSameEpisodes(reference: AnalyticsStore, store: AnalyticsStore): Promise<void> {
  for (const params of cases) {
    const fromMeasures = await readOutcomeEpisodes(reference, params, 'measures');
    const fromScores = await readOutcomeEpisodes(store, params, 'episode-scores');
    expect({ params, episodes: fromScores }).toEqual({ params, episodes: fromMeasures });
  }
}

/** Members, cohesion and timelines (measures_current) on `store` as on `reference`. */
async function expectSameParticipantReads(reference: AnalyticsStore, store: AnalyticsStore): Promise<void> {
  const org = 'org-1';
  for (const groupId of ['g-alpha', 'g-beta', 'g-wb', 'g-d1']) {
    const members = await runGroupMembers(reference, { org, groupId, today: '2026-06-01' });
    expect(members.members.length).toBeGreaterThan(0);
    expect({ groupId, members: await runGroupMembers(store, { org, groupId, today: '2026-06-01' }) }).toEqual({ groupId, members });
    const cohesion = await runGroupCohesion(reference, { org, groupId });
    expect({ groupId, cohesion: await runGroupCohesion(store, { org, groupId }) }).toEqual({ groupId, cohesion });
  }
  // p7: a voided measure; p8: an invalid one; q3: rescored; pm: two episodes.
  for (const participantId of ['p1', 'p7', 'p8', 'q3', 'pm', 'd1']) {
    const timeline = await runParticipantTimeline(reference, { org, participantId });
    expect(timeline?.measures.length).toBeGreaterThan(0);
    expect({ participantId, timeline: await runParticipantTimeline(store, { org, participantId }) }).toEqual({ participantId, timeline });
  }
}

let reference: AnalyticsStore;
beforeAll(async () => {
  reference = await projected('one_batch', [outcomeDatasets()]);
});

afterAll(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('derived tables (what the projector keeps per participant)', () => {
  it('episode_scores answers every program, instrument and filter exactly as the measures do', async () => {
    const phq = await readOutcomeEpisodes(reference, cases[0]!, 'episode-scores');
    expect(phq.map((e) => e.participantId).sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p7', 'p8', 'pm', 'pm', 'q1', 'q2', 'q3', 'q4']);
    await expectSameEpisodes(reference, reference);
    const p7 = await runParticipantTimeline(reference, { org: 'org-1', participantId: 'p7' });
    expect(p7?.measures.filter((m) => m.voided).length).toBe(1);
  });

  it('outcomes summed per group in SQL equal the summaries of the episodes one by one (with and without a window)', async () => {
    const phq9 = getInstrument('PHQ-9')!;
    const swemwbs = getInstrument('SWEMWBS')!;
    const core = getInstrument('CORE-10')!;
    for (const window of [{}, { from: '2026-01-01', to: '2026-12-31' }]) {
      const threshold = (await runOutcomes(reference, { org: 'org-1', programId: 'prog-phq', instrument: 'PHQ-9', ...window })) as ThresholdOutcomes;
      const phqEpisodes = await readOutcomeEpisodes(reference, { ...cases[0]!, ...window });
      const { byGroup: _g, byTherapist: _t, byGroupTotal: _gt, byTherapistTotal: _tt, instrument: _i, method: _m, units: _u, icc: _icc, designEffect: _de, ...program } = threshold;
      expect(program).toEqual(summarizeThreshold(phq9, phqEpisodes));
      expect(threshold.byGroup.map((g) => [g.groupId, g.n, g.meanChange, g.reliableImprovement])).toEqual([
        ['g-alpha', 8, summarizeThreshold(phq9, phqEpisodes.filter((e) => e.groupId === 'g-alpha')).meanChange, 3],
        ['g-beta', 5, summarizeThreshold(phq9, phqEpisodes.filter((e) => e.groupId === 'g-beta')).meanChange, 3],
      ]);
      const wb = await runOutcomes(reference, { org: 'org-1', programId: 'prog-wb', instrument: 'SWEMWBS', ...window });
      const wbEpisodes = await readOutcomeEpisodes(reference, { ...cases[6]!, ...window });
      expect(wb).toMatchObject({ ...summarizeThreshold(swemwbs, wbEpisodes), effectSize: summarizeThreshold(swemwbs, wbEpisodes).effectSize });
      const jt = await runOutcomes(reference, { org: 'org-1', programId: 'prog-core', instrument: 'CORE-10', method: 'jacobson-truax', ...window });
      expect(jt).toMatchObject(summarizeJacobsonTruax(core.jacobsonTruax!, await readOutcomeEpisodes(reference, { ...cases[7]!, ...window })));
    }
  });

  it('gives the same answers when every event comes in a batch of its own', async () => {
    const oneByOne = await projected('one_by_one', outcomeDatasets().map((event) => [event]));
    await expectSameEpisodes(reference, oneByOne);
    await expectSameParticipantReads(reference, oneByOne);
  });

  it('is filled by migrate from tables projected before they existed (the 007–009 backfills)', async () => {
    const store = await openChdbAnalyticsStore({ path: join(dir, 'chdb'), database: 'backfilled', readers: 1 });
    opened.push(store);
    await migrate(store);
    await new Projector(store, { deadLetters }).handleBatch(outcomeDatasets());
    // As a deployment that projected before 007–009: the tables and their migration records gone, then migrate again.
    const derived = ['007_episode_scores', '008_participant_scores', '009_measures_current'];
    for (const table of ['episode_scores', 'participant_scores', 'measures_current']) await store.command(`DROP TABLE ${table} SYNC`);
    await store.command(`DELETE FROM schema_migrations WHERE name IN {derived:Array(String)}`, { derived });
    expect(await migrate(store)).toEqual(derived);
    await expectSameEpisodes(reference, store);
    await expectSameParticipantReads(reference, store);
    for (const [programId, instrument] of [['prog-phq', 'PHQ-9'], ['prog-wb', 'SWEMWBS'], ['prog-core', 'CORE-10']] as const) {
      const params = { org: 'org-1', programId, instrument, bucket: 'week' } as const;
      const expected = await runTrends(reference, params);
      expect(expected.items.some((i) => i.n > 0)).toBe(true);
      expect(await runTrends(store, params)).toEqual(expected);
    }
  });

  it('loses an erased participant in the same batch and in a later one', async () => {
    const erasure = (participantId: string, position: number) =>
      recorded('ParticipantErased', { participantId, programId: 'prog-phq', erasedAt: '2026-03-01T00:00:00.000Z' }, position, { org: 'org-1' });
    const store = await projected('erased', [[...outcomeDatasets(), erasure('p1', 900_001)], [erasure('q1', 900_002)]]);
    const episodes = await readOutcomeEpisodes(store, cases[0]!, 'episode-scores');
    expect(episodes.map((e) => e.participantId)).not.toContain('p1');
    expect(episodes.map((e) => e.participantId)).not.toContain('q1');
    expect(episodes).toHaveLength(11);
    for (const table of ['episode_scores', 'participant_scores', 'measures_current']) {
      const rows = await store.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE org = 'org-1' AND participant_id IN ('p1', 'q1')`, {});
      expect({ table, rows }).toEqual({ table, rows: [{ n: '0' }] });
    }
    const kept = await store.query<{ n: string }>(`SELECT count() AS n FROM participant_scores WHERE org = 'org-1' AND participant_id = 'p2'`, {});
    expect(kept).toEqual([{ n: '1' }]);
  });
});
