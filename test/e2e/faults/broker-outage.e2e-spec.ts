import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCohort } from '#libs/synthetic';
import { compareWithCleanReplay } from './support/clean-replay.js';
import { expectSameAsCleanReplay } from './support/expectations.js';
import { OwnBroker } from './support/own-broker.js';
import { apiHead, caughtUp, kafkaNames, projectorChdb, settledHead, startApi, startProjector, startRelay } from './support/pipeline.js';
import { ProcessSet } from './support/processes.js';
import { getJson, until } from './support/waiting.js';
import { writeThroughApi } from './support/writer.js';

/**
 * Fault: the broker dies (SIGKILL) mid-stream and stays down while writes go on, then comes back.
 * The relay keeps retrying the same batch and never moves its checkpoint past an unacknowledged
 * event; the projector reconnects from its committed offsets. This test runs a broker of its own
 * (KAFKA_DIR) so the suite's broker is not disturbed.
 */
describe('fault: the broker killed mid-stream, down for a while, restarted', () => {
  const processes = new ProcessSet();
  const dir = mkdtempSync(join(tmpdir(), 'fault-broker-'));
  const names = kafkaNames();
  const dataDir = join(dir, 'api');
  const today = new Date().toISOString().slice(0, 10);
  let broker: OwnBroker | undefined;

  afterAll(async () => {
    await processes.killAll();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('delivers everything written before, during and after the outage, as a clean replay would', async () => {
    broker = await OwnBroker.start(join(dir, 'kafka'));
    const brokers = broker.bootstrap;
    const api = await startApi(processes, dataDir);
    const relay = await startRelay(processes, { brokers, dataDir, checkpointDir: join(dir, 'relay-checkpoints'), names });
    const projector = await startProjector(processes, { brokers, analyticsPath: projectorChdb(dir), names });
    const failWithLogs = (error: Error) => Promise.reject(new Error(`${error.message}\n${processes.logs()}`));
    const all = [api.process, relay.process, projector.process];

    const before = writeThroughApi(api.url, generateCohort({ seed: 23, org: 'fault-broker-a', today, programs: 1, groupsPerProgram: 2, weeks: 8, membersPerGroup: 6 }));
    before.catch(() => undefined);
    // Mid-stream: the projector has projected some of it, and the writes go on.
    await until('the projector to project a first batch', async () => (BigInt((await getJson(`${projector.url}/health`)).projector.position) > 0n ? true : undefined), { processes: all });
    broker.kill();

    // Written while the broker is down: appended to the store, waiting in the relay.
    await before.catch(failWithLogs);
    await writeThroughApi(api.url, generateCohort({ seed: 24, org: 'fault-broker-b', today, programs: 1, groupsPerProgram: 1, weeks: 4, membersPerGroup: 5 })).catch(failWithLogs);
    const relayDuringOutage = await until('the relay to report the outage', async () => {
      const health = await getJson(`${relay.url}/health`);
      return health.relay.healthy === false ? health.relay : undefined;
    }, { processes: all });
    expect(BigInt(relayDuringOutage.position)).toBeLessThan(await apiHead(api));

    await broker.restart();
    await caughtUp(relay, projector, await settledHead(api), 120_000);

    await Promise.all([projector.process.stop(), relay.process.stop(), api.process.stop()]);
    expectSameAsCleanReplay(await compareWithCleanReplay(join(dataDir, 'events.db'), projectorChdb(dir)));
  }, 170_000);
});
