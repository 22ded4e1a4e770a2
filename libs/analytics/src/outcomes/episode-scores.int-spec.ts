/**
 * Outcomes without a window read `episode_scores`, which the projector keeps per batch
 * (libs/projector/src/derived). These tests hold it to the measures path on the hand-worked
 * datasets of outcomes.int-spec.ts (whose expected numbers already run through it): projected in
 * one batch, one event per batch (every arrival order of membership, measure, void, rescoring and
 * attendance the log has), backfilled by migrate, and after an erasure.
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
import { runTrends } from '../trends/trends.query.js';
import { readOutcomeEpisodes, type OutcomeEpisodeSqlParams } from './outcomes.query.js';

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

let reference: AnalyticsStore;
beforeAll(async () => {
  reference = await projected('one_batch', [outcomeDatasets()]);
});

afterAll(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('episode_scores (what the projector keeps per episode)', () => {
  it('answers every program, instrument and filter exactly as the measures do', async () => {
    const phq = await readOutcomeEpisodes(reference, cases[0]!, 'episode-scores');
    expect(phq.map((e) => e.participantId).sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p7', 'p8', 'pm', 'pm', 'q1', 'q2', 'q3', 'q4']);
    await expectSameEpisodes(reference, reference);
  });

  it('is the same when every event comes in a batch of its own', async () => {
    const oneByOne = await projected('one_by_one', outcomeDatasets().map((event) => [event]));
    await expectSameEpisodes(reference, oneByOne);
  });

  it('is filled by migrate from tables projected before it existed (the 007 and 008 backfills; trends too)', async () => {
    const store = await openChdbAnalyticsStore({ path: join(dir, 'chdb'), database: 'backfilled', readers: 1 });
    opened.push(store);
    await migrate(store);
    await new Projector(store, { deadLetters }).handleBatch(outcomeDatasets());
    // As a deployment that projected before 007 and 008: the tables and their migration records gone, then migrate again.
    await store.command('DROP TABLE episode_scores SYNC');
    await store.command('DROP TABLE participant_scores SYNC');
    await store.command(`DELETE FROM schema_migrations WHERE name IN ('007_episode_scores', '008_participant_scores')`);
    expect(await migrate(store)).toEqual(['007_episode_scores', '008_participant_scores']);
    await expectSameEpisodes(reference, store);
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
    for (const table of ['episode_scores', 'participant_scores']) {
      const rows = await store.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE org = 'org-1' AND participant_id IN ('p1', 'q1')`, {});
      expect({ table, rows }).toEqual({ table, rows: [{ n: '0' }] });
    }
    const kept = await store.query<{ n: string }>(`SELECT count() AS n FROM participant_scores WHERE org = 'org-1' AND participant_id = 'p2'`, {});
    expect(kept).toEqual([{ n: '1' }]);
  });
});
