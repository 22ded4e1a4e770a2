import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCohort } from '#libs/synthetic';
import { EVENT_HEADERS } from '#libs/kafka';
import { kafkaBrokers, readMessages } from '#testing/kafka';
import { compareWithCleanReplay, readLog } from './support/clean-replay.js';
import { expectSameAsCleanReplay } from './support/expectations.js';
import { caughtUp, kafkaNames, projectorChdb, settledHead, startApi, startProjector, startRelay } from './support/pipeline.js';
import { ProcessSet } from './support/processes.js';
import { within } from './support/waiting.js';
import { writeThroughApi } from './support/writer.js';

// The suite's real broker (scripts/test.sh exports KAFKA_BROKERS); fails, never skips, without it.
const brokers = kafkaBrokers(process.env.KAFKA_BROKERS).join(',');

/**
 * Fault: the relay process dies (SIGKILL) after Kafka acknowledged a batch and before it stored its
 * checkpoint (FAULT_CRASH_AT=after-publish:3). Restarted, it publishes that batch again; the
 * projector's keyed rows absorb the duplicates (ARCHITECTURE.md principle 4).
 */
describe('fault: relay killed after publish, before its checkpoint', () => {
  const processes = new ProcessSet();
  const dir = mkdtempSync(join(tmpdir(), 'fault-relay-'));
  const names = kafkaNames();
  const relayEnv = { brokers, dataDir: join(dir, 'api'), checkpointDir: join(dir, 'relay-checkpoints'), names };

  afterAll(async () => {
    await processes.killAll();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('re-sends the batch on restart and the projection equals a clean replay', async () => {
    const api = await startApi(processes, relayEnv.dataDir);
    const requests = generateCohort({ seed: 21, org: 'fault-relay', today: new Date().toISOString().slice(0, 10), programs: 1, groupsPerProgram: 2, weeks: 8, membersPerGroup: 6 });
    const writing = writeThroughApi(api.url, requests);
    writing.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile

    const crashing = await startRelay(processes, { ...relayEnv, crashAt: 'after-publish:3' }, 'relay (crashes)');
    const exit = await crashing.process.exitWithin(60_000);
    expect(exit.signal).toBe('SIGKILL');
    const crashLine = /FAULT_CRASH_AT after-publish:3: .* batch of (\d+)/.exec(crashing.process.log());
    expect(crashLine).not.toBeNull();

    const relay = await startRelay(processes, relayEnv, 'relay (restarted)');
    const projector = await startProjector(processes, { brokers, analyticsPath: projectorChdb(dir), names });
    await writing.catch((error: Error) => Promise.reject(new Error(`${error.message}\n${processes.logs()}`)));
    const head = await settledHead(api);
    await caughtUp(relay, projector, head);

    // The crashed batch is in the topic twice: the crash point really sat between ack and checkpoint.
    const appended = (await readLog(join(relayEnv.dataDir, 'events.db'))).length;
    const messages = await within('the topic to hold every event plus the re-sent batch', readMessages(brokers.split(','), names.topic, appended + Number(crashLine![1])), 30_000);
    expect(new Set(messages.map((m) => m.headers?.[EVENT_HEADERS.eventId]?.toString())).size).toBe(appended);

    await Promise.all([projector.process.stop(), relay.process.stop(), api.process.stop()]);
    expectSameAsCleanReplay(await compareWithCleanReplay(join(relayEnv.dataDir, 'events.db'), projectorChdb(dir)));
  }, 150_000);
});
