import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { generatedEvents, sourceFromEvents } from '#testing/exports';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { loadExportSource } from './export-source.js';

const sorted = (rows: readonly object[]) => [...rows].map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();

describe('loading an export source from the analytics tables', () => {
  let chdb: TestChdbStore;
  beforeAll(async () => {
    chdb = await openTestChdbStore({ database: 'export_source' });
    await migrate(chdb.store);
  });
  afterAll(() => chdb.dispose());

  it('reads what the projector wrote as the in-memory fold of the same events does', async () => {
    const events = generatedEvents({ seed: 5, org: 'org-e', today: '2026-06-01', programs: 2, groupsPerProgram: 2, weeks: 12, membersPerGroup: 8 });
    const projector = new Projector(chdb.store, { deadLetters: new InMemoryDeadLetterSink({ log: () => undefined }) });
    for (let i = 0; i < events.length; i += 2000) await projector.handleBatch(events.slice(i, i + 2000));
    for (const program of events.filter((e) => e.type === 'ProgramCreated')) {
      const { programId, part2 } = program.data as { programId: string; part2: boolean };
      const expected = sourceFromEvents(events, programId);
      const loaded = await loadExportSource(chdb.store, 'org-e', { programId, part2 });
      expect(loaded.participants.length).toBeGreaterThan(5);
      for (const key of ['participants', 'consents', 'memberships', 'sessions', 'attendance', 'measures', 'milestones'] as const) {
        expect({ key, rows: sorted(loaded[key]) }).toEqual({ key, rows: sorted(expected[key]) });
      }
      expect(await loadExportSource(chdb.store, 'another-org', { programId, part2 })).toMatchObject({ participants: [], measures: [] });
    }
  });
});
