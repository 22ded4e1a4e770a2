import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DeadLetterSink } from '#libs/pipeline';
import { migrate, Projector } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { OutcomeLog } from './testing/outcome-log.js';
import { runOutcomes } from './outcomes.query.js';
import type { ThresholdOutcomes } from './outcomes.types.js';
import { VerdictCache } from './verdict-cache.js';

let chdb: TestChdbStore;

/** Every event of these hand-worked logs must project. */
class FailingSink extends DeadLetterSink {
  async send(): Promise<void> {
    throw new Error('unexpected dead letter');
  }
  count(): number {
    return 0;
  }
}

beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'outcomes_verdicts_int', readers: 1 });
  await migrate(chdb.store);
});

afterAll(async () => {
  await chdb?.dispose();
});

const PARAMS = { org: 'org-1', programId: 'prog', instrument: 'PHQ-9', method: 'threshold' } as const;

/*
 * PHQ-9 (reliable change 6, case ≥ 10): p1 20→8 is a reliable improvement and a recovery.
 * Then p2 joins: 10→19 is a reliable deterioration, a pair the cache has not seen.
 */
it('decides a pair first seen after the verdicts were cached, and the counts equal a cold cache', async () => {
  const log = new OutcomeLog('org-1');
  log.program('prog').group('prog', 'g', 'Group', ['t1']).join('prog', 'g', 'p1', '2026-01-05');
  log.session('prog', 'g', 's1', '2026-01-05', { present: ['p1'] }).session('prog', 'g', 's2', '2026-01-12', { present: ['p1'] });
  log.measure('prog', 'p1', 'm1', 'PHQ-9', 20, '2026-01-05', { groupId: 'g' }).measure('prog', 'p1', 'm2', 'PHQ-9', 8, '2026-01-12', { groupId: 'g' });
  const projector = new Projector(chdb.store, { deadLetters: new FailingSink() });
  await projector.handleBatch(log.events.splice(0));

  const cache = new VerdictCache();
  const first = (await runOutcomes(chdb.store, PARAMS, cache)) as ThresholdOutcomes;
  expect(first).toMatchObject({ n: 1, reliableImprovement: 1, reliableDeterioration: 0, recovery: 1 });
  expect(cache.tableFor(JSON.stringify(['PHQ-9', 'threshold', null, null])).baselines).toEqual([20]);

  log.join('prog', 'g', 'p2', '2026-01-12').session('prog', 'g', 's3', '2026-01-19', { present: ['p2'] }).session('prog', 'g', 's4', '2026-01-26', { present: ['p2'] });
  log.measure('prog', 'p2', 'm3', 'PHQ-9', 10, '2026-01-19', { groupId: 'g' }).measure('prog', 'p2', 'm4', 'PHQ-9', 19, '2026-01-26', { groupId: 'g' });
  await projector.handleBatch(log.events.splice(0));

  const second = (await runOutcomes(chdb.store, PARAMS, cache)) as ThresholdOutcomes;
  expect(second).toMatchObject({ n: 2, reliableImprovement: 1, reliableDeterioration: 1, noReliableChange: 0, recovery: 1 });
  expect(second.byGroup).toEqual([expect.objectContaining({ groupId: 'g', n: 2, reliableImprovement: 1, reliableDeterioration: 1 })]);
  expect(second).toEqual(await runOutcomes(chdb.store, PARAMS, new VerdictCache()));
});

it('keeps one table per rule set: a configured reliable-change threshold decides its own verdicts', async () => {
  const cache = new VerdictCache();
  const standard = (await runOutcomes(chdb.store, PARAMS, cache)) as ThresholdOutcomes;
  const strict = (await runOutcomes(chdb.store, { ...PARAMS, reliableChange: { 'PHQ-9': 10 } }, cache)) as ThresholdOutcomes;
  expect(standard).toMatchObject({ reliableImprovement: 1, reliableDeterioration: 1 });
  // 20→8 (−12) is still reliable at 10; 10→19 (+9) no longer is.
  expect(strict).toMatchObject({ reliableImprovement: 1, reliableDeterioration: 0, noReliableChange: 1 });
});
