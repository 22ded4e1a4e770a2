import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { erasureStatement } from './erasure.js';
import { participantTables } from './tables.js';

describe('erasureStatement', () => {
  let chdb: TestChdbStore;
  beforeAll(async () => {
    chdb = await openTestChdbStore();
  });
  afterAll(async () => {
    await chdb.dispose();
  });

  it('deletes from the table itself on a single server', () => {
    expect(erasureStatement('measures', null)).toBe('DELETE FROM measures WHERE org = {org:String} AND participant_id = {participantId:String}');
  });

  it('deletes from the local tables of every server of a cluster (the written tables are Distributed), in a form ClickHouse parses', async () => {
    for (const table of participantTables) {
      const statement = erasureStatement(table, 'group_outcomes');
      expect(statement).toBe(`DELETE FROM ${table}_local ON CLUSTER group_outcomes WHERE org = {org:String} AND participant_id = {participantId:String}`);
      const [row] = await chdb.store.query<{ formatted: string }>('SELECT formatQuery({query:String}) AS formatted', { query: statement });
      expect(row!.formatted).toContain(`DELETE FROM ${table}_local ON CLUSTER group_outcomes WHERE`);
    }
  });
});
