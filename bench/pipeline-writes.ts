/**
 * The api's write latency with the projector idle and with it working hard, for bench/pipeline.ts.
 * The api runs in its own process (api-server.ts, embedded mode: relay and projector share its
 * event loop). "Working": the load runs while the api rebuilds its projections
 * (POST /api/v1/admin/projections/rebuild, again whenever one finishes), i.e. while the projector
 * code replays a large log into chDB on the api's event loop in bounded batches.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { type CohortOptions, generateCohort, seedThroughHttp, writeCohortEvents } from '#libs/synthetic';
import { apiNodeFlags } from './api-node-flags.js';
import { percentile, runLoad } from './load.js';
import { closeEventStore } from './pipeline-throughput.js';
import { writeMix } from './write-mix.js';

export interface WriteLatency {
  readonly projector: 'idle' | 'rebuilding';
  readonly writesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Events the rebuilds projected during the window (0 when idle). */
  readonly projectedEventsPerSecond: number;
  readonly loadAverage1m: number;
}

export async function apiWriteLatency(options: { dataDir: string; today: string; bulk: CohortOptions; groups: number; runs: number; seconds: number; concurrency: number; loadAverage: () => number }): Promise<WriteLatency[]> {
  // A large log for the rebuilds to replay, written before the api starts (another organization).
  const store = new SqliteEventStore({ path: join(options.dataDir, 'events.db') });
  const bulk = await writeCohortEvents(options.bulk, { eventStore: store, batchEvents: 10_000 });
  await closeEventStore(store);
  console.log(`api: ${bulk.events} events of another organization in the log before start`);

  const child = fork(new URL('./api-server.js', import.meta.url), [options.dataDir], { execArgv: apiNodeFlags(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = (type: string) => new Promise<any>((resolve) => child.on('message', function on(m: any) {
    if (m.type === type) {
      child.off('message', on);
      resolve(m);
    }
  }));
  try {
    const { url } = await replies('ready');
    const fixture = generateCohort({ seed: 2026, org: 'bench', today: options.today, programs: 2, groupsPerProgram: options.groups, weeks: 8, membersPerGroup: 10 });
    await seedThroughHttp(url, fixture, { concurrency: 8 });
    const token = async (role: string) => {
      const response = await fetch(`${url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: `${role}-bench`, org: 'bench', role }) });
      return ((await response.json()) as { token: string }).token;
    };
    const director = await token('director');
    const admin = await token('admin');
    await caughtUp(url);

    const results: WriteLatency[] = [];
    for (let run = 0; run < options.runs; run++) {
      for (const projector of ['idle', 'rebuilding'] as const) {
        const rebuilding = projector === 'rebuilding' ? keepRebuilding(url, admin) : null;
        if (rebuilding) await new Promise((r) => setTimeout(r, 500)); // the replay is under way
        const loadAverage1m = options.loadAverage();
        const load = await runLoad(url, { concurrency: options.concurrency, durationMs: options.seconds * 1000, warmupMs: 1000, next: writeMix(fixture, director, options.today) });
        const projected = (await rebuilding?.stop()) ?? 0;
        await caughtUp(url);
        results.push({
          projector,
          writesPerSecond: load.latenciesMs.length / (load.durationMs / 1000),
          p50Ms: percentile(load.latenciesMs, 50),
          p99Ms: percentile(load.latenciesMs, 99),
          projectedEventsPerSecond: projected / ((load.durationMs + 1000) / 1000),
          loadAverage1m,
        });
        console.log('api writes', JSON.stringify(results.at(-1)));
      }
    }
    child.send({ type: 'stop' });
    await replies('stopped');
    return results;
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}

/** Starts rebuilds back to back until stopped; resolves with the events they projected. */
function keepRebuilding(url: string, admin: string) {
  let stopped = false;
  let projected = 0;
  const call = async (method: string) => (await (await fetch(`${url}/api/v1/admin/projections/rebuild`, { method, headers: { authorization: `Bearer ${admin}` } })).json()) as { state: string; events: number };
  const loop = (async () => {
    while (!stopped) {
      let status = await call('POST');
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        status = await call('GET');
      }
      if (status.state !== 'succeeded') throw new Error(`rebuild ${status.state}: ${JSON.stringify(status)}`);
      projected += status.events;
    }
  })();
  return {
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      return projected;
    },
  };
}

/** Waits until /health shows the analytics stage at the head (the api's projector idle again). */
async function caughtUp(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { eventStore: { head: string }; stages: { name: string; position: string }[] };
    const analytics = health.stages.find((s) => s.name === 'analytics');
    if (analytics && BigInt(analytics.position) >= BigInt(health.eventStore.head)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
