import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCohort } from '#libs/synthetic';
import { compareWithCleanReplay } from './support/clean-replay.js';
import { expectSameAsCleanReplay } from './support/expectations.js';
import { type Served, settledHead, startApi } from './support/pipeline.js';
import { ProcessSet } from './support/processes.js';
import { getJson, until } from './support/waiting.js';
import { writeThroughApi } from './support/writer.js';

/** The embedded api's event store head and its in-process projector's position (/health). */
async function positions(api: Served): Promise<{ head: bigint; analytics: bigint }> {
  const health = await getJson(`${api.url}/health`);
  const analytics = health.stages.find((s: { name: string }) => s.name === 'analytics');
  return { head: BigInt(health.eventStore.head), analytics: BigInt(analytics.position) };
}

/**
 * Fault: the whole embedded process (api + relay + projector + chDB in one, `node
 * dist/apps/api/src/main.js`) is killed with SIGKILL while writes go on and appended events are
 * still on their way to chDB (head ahead of the projector). Restarted on the same DATA_DIR, the
 * relay resumes from its checkpoint and the tables end up as a clean replay of the log.
 */
describe('fault: the embedded process killed mid-batch while writes go on', () => {
  const processes = new ProcessSet();
  const dataDir = mkdtempSync(join(tmpdir(), 'fault-embedded-'));
  const today = new Date().toISOString().slice(0, 10);

  afterAll(async () => {
    await processes.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('restarts from its checkpoint and its tables equal a clean replay of the log', async () => {
    const first = await startApi(processes, dataDir, 'api (killed)');
    // Interrupted by the kill: requests in flight fail, which is what a crash does to clients.
    // Long enough to outlast the derived tables' deferred refresh (every 500 ms in embedded mode), which /health's position waits for.
    const interrupted = writeThroughApi(first.url, generateCohort({ seed: 25, org: 'fault-embedded-a', today, programs: 1, groupsPerProgram: 2, weeks: 16, membersPerGroup: 6 }));
    let writing = true;
    interrupted.catch(() => undefined).finally(() => (writing = false));

    // Mid-batch: a batch projected, appended events not projected yet, and writes still going on.
    const atKill = await until('appended events on their way to chDB while writes go on', async () => {
      const now = await positions(first);
      return writing && now.analytics > 0n && now.head > now.analytics + 10n ? now : undefined;
    }, { processes: [first.process] });
    first.process.stop('SIGKILL');
    expect((await first.process.exitWithin(10_000)).signal).toBe('SIGKILL');
    await expect(interrupted).rejects.toThrow();

    const second = await startApi(processes, dataDir, 'api (restarted)');
    expect((await positions(second)).head).toBeGreaterThan(atKill.analytics);
    await writeThroughApi(second.url, generateCohort({ seed: 26, org: 'fault-embedded-b', today, programs: 1, groupsPerProgram: 2, weeks: 6, membersPerGroup: 6 }));
    const head = await settledHead(second);
    expect((await positions(second)).analytics).toBeGreaterThanOrEqual(head);

    await second.process.stop();
    expectSameAsCleanReplay(await compareWithCleanReplay(join(dataDir, 'events.db'), join(dataDir, 'analytics')));
  }, 150_000);
});
