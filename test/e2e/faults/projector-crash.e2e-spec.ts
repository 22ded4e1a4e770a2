import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCohort } from '#libs/synthetic';
import { kafkaBrokers } from '#testing/kafka';
import { compareWithCleanReplay } from './support/clean-replay.js';
import { expectSameAsCleanReplay } from './support/expectations.js';
import { caughtUp, kafkaNames, projectorChdb, settledHead, startApi, startProjector, startRelay } from './support/pipeline.js';
import { ProcessSet } from './support/processes.js';
import { writeThroughApi } from './support/writer.js';

// The suite's real broker (scripts/test.sh exports KAFKA_BROKERS); fails, never skips, without it.
const brokers = kafkaBrokers(process.env.KAFKA_BROKERS).join(',');

/**
 * Fault: the projector process dies (SIGKILL) after ClickHouse acknowledged a batch's inserts and
 * before the consumer committed its offsets (FAULT_CRASH_AT=after-insert:3). Restarted on the same
 * chDB directory and group, it gets that batch again from the last commit and rewrites the same
 * keyed rows (ARCHITECTURE.md principle 4).
 */
describe('fault: projector killed after insert, before its offset commit', () => {
  const processes = new ProcessSet();
  const dir = mkdtempSync(join(tmpdir(), 'fault-projector-'));
  const names = kafkaNames();
  const dataDir = join(dir, 'api');
  const projectorEnv = { brokers, analyticsPath: projectorChdb(dir), names };

  afterAll(async () => {
    await processes.killAll();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('gets the batch again on restart and the projection equals a clean replay', async () => {
    const api = await startApi(processes, dataDir);
    const requests = generateCohort({ seed: 22, org: 'fault-projector', today: new Date().toISOString().slice(0, 10), programs: 1, groupsPerProgram: 2, weeks: 8, membersPerGroup: 6 });
    const writing = writeThroughApi(api.url, requests);
    writing.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile

    const relay = await startRelay(processes, { brokers, dataDir, checkpointDir: join(dir, 'relay-checkpoints'), names });
    const crashing = await startProjector(processes, { ...projectorEnv, crashAt: 'after-insert:3' }, 'projector (crashes)');
    const exit = await crashing.process.exitWithin(60_000);
    expect(exit.signal).toBe('SIGKILL');
    expect(crashing.process.log()).toMatch(/FAULT_CRASH_AT after-insert:3: .* batch of \d+/);

    const projector = await startProjector(processes, projectorEnv, 'projector (restarted)');
    await writing.catch((error: Error) => Promise.reject(new Error(`${error.message}\n${processes.logs()}`)));
    await caughtUp(relay, projector, await settledHead(api));

    await Promise.all([projector.process.stop(), relay.process.stop(), api.process.stop()]);
    expectSameAsCleanReplay(await compareWithCleanReplay(join(dataDir, 'events.db'), projectorChdb(dir)));
  }, 150_000);
});
