/**
 * Durable HTTP writes in embedded mode (issue 2 "Benchmark"): the api in its own process on a
 * fresh SQLite file, a seeded organization, then a closed-loop load generator on loopback for a
 * fixed time; beside it the raw SqliteEventStore append rate with events of the same sizes.
 * Run: npm run build && node dist/bench/http-writes.js [--duration=20] [--concurrency=32] ...
 * (bench/README.md). Not a test: nothing here runs in the test suite.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RecordedEvent } from '#libs/events';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { generateCohort, seedThroughHttp } from '#libs/synthetic';
import { percentile, runFixedRate, runLoad } from './load.js';
import { apiNodeFlags } from './api-node-flags.js';
import { machine } from './machine.js';
import { measureAppendRate } from './sqlite-append.js';
import { writeMix } from './write-mix.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    groups: { type: 'string', default: '25' },
    'cpu-prof': { type: 'boolean', default: false },
    'append-seconds': { type: 'string', default: '5' },
    // The open-loop phase: writes started at this rate whatever the answers take (0: skip it).
    rate: { type: 'string', default: '2000' },
    // V8 flags of the api instead of apps/api/node-flags.json (as shipped).
    'api-node-args': { type: 'string' },
    // off: the api's relay stopped after start, so no live projection runs beside the writes (a diagnostic).
    'live-projection': { type: 'string', default: 'on' },
  },
});
const concurrency = Number(args.concurrency);
const today = new Date().toISOString().slice(0, 10);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

console.log('machine', JSON.stringify(machine()));
const profilePath = args['cpu-prof'] ? join(process.cwd(), '.tmp', 'cpu-prof', `http-writes-${Date.now()}.cpuprofile`) : undefined;
if (profilePath) mkdirSync(join(process.cwd(), '.tmp', 'cpu-prof'), { recursive: true });
if (!['on', 'off'].includes(args['live-projection'])) throw new Error('--live-projection is on or off');
if (args['live-projection'] === 'off') console.log('live projection: off (diagnostic: the relay is stopped, nothing reaches chDB)');
const child = fork(new URL('./api-server.js', import.meta.url), [dataDir], { env: { ...process.env, BENCH_LIVE_PROJECTION: args['live-projection'] }, execArgv: apiNodeFlags(args['api-node-args']), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const replies = (type: string) => new Promise<any>((resolve) => child.on('message', function on(m: any) {
  if (m.type === type) {
    child.off('message', on);
    resolve(m);
  }
}));
const { url } = await replies('ready');
const memory = async () => {
  const reply = replies('memory');
  child.send({ type: 'memory' });
  return reply;
};

try {
  const fixture = generateCohort({ seed: 2026, org: 'bench', today, programs: 2, groupsPerProgram: Number(args.groups), weeks: 8, membersPerGroup: 10 });
  const seeded = await seedThroughHttp(url, fixture, { concurrency: 8 });
  console.log(`fixture: ${seeded.requests} requests seeded in ${seeded.milliseconds} ms (${round(seeded.requests / (seeded.milliseconds / 1000), 0)}/s at 8 lanes) ${JSON.stringify(seeded.byKind)}`);

  const director = fixture.find((r) => r.kind === 'program')!.actor;
  const tokenResponse = await fetch(`${url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: director.sub, org: 'bench', role: 'director' }) });
  const { token } = (await tokenResponse.json()) as { token: string };
  const headBefore = await headPosition(url);

  const started = replies('load-started');
  child.send({ type: 'load-start', path: profilePath });
  await started;
  const clientCpuAtStart = process.cpuUsage();
  const rssSamples: number[] = [];
  const sampler = setInterval(() => void memory().then((m) => rssSamples.push(m.rssBytes)), 500);
  const load = await runLoad(url, { concurrency, durationMs: Number(args.duration) * 1000, warmupMs: Number(args.warmup) * 1000, next: writeMix(fixture, token, today) });
  clearInterval(sampler);
  const clientCpu = process.cpuUsage(clientCpuAtStart);
  const ended = replies('load-ended');
  child.send({ type: 'load-end', path: profilePath });
  const { cpuMicros: serverCpuMicros, threadsCpuSeconds, eventLoop, gc } = await ended;
  const wallSeconds = (load.durationMs + Number(args.warmup) * 1000) / 1000;
  const finalMemory = await memory();

  // The ceiling of the HTTP stack alone: an authenticated read of a tiny list (auth guard, Nest,
  // Fastify, JSON) with no stream read and no fsync, at the same concurrency.
  const ceiling = await runLoad(url, { concurrency, durationMs: 5000, warmupMs: 1000, next: () => ({ method: 'GET', path: '/api/v1/programs', body: '', token }) });
  const headAfter = await headPosition(url);
  // The open loop starts once every stage of /health has caught up with the closed loop (the alerts
  // reactor is ~80,000 events behind after it): it measures 2,000 writes/s, not the
  // recovery from the closed loop's backlog (docs/benchmarks.md, durable HTTP writes, ninth pass).
  const settled = await caughtUp(url);
  // The latency at the target's rate: the same write mix started at a fixed rate (open loop).
  const rate = Number(args.rate);
  const fixedStarted = replies('load-started');
  child.send({ type: 'load-start' });
  await fixedStarted;
  const fixed = rate > 0 ? await runFixedRate(url, { ratePerSecond: rate, durationMs: Number(args.duration) * 1000, warmupMs: Number(args.warmup) * 1000, maxInFlight: 256, next: writeMix(fixture, token, today) }) : null;
  const fixedEnded = replies('load-ended');
  child.send({ type: 'load-end' });
  const fixedApi = await fixedEnded;
  child.send({ type: 'stop' });
  await replies('stopped');

  const ok = load.latenciesMs.length;
  const http = {
    concurrency,
    seconds: load.durationMs / 1000,
    writes: ok,
    writesPerSecond: round(ok / (load.durationMs / 1000), 0),
    p50Ms: round(percentile(load.latenciesMs, 50), 2),
    p99Ms: round(percentile(load.latenciesMs, 99), 2),
    maxMs: round(load.latenciesMs.at(-1) ?? NaN, 1),
    byStatus: load.byStatus,
    rssMiB: { peakDuringLoad: round(Math.max(...rssSamples) / 2 ** 20, 0), end: round(finalMemory.rssBytes / 2 ** 20, 0), processPeak: round(finalMemory.peakRssBytes / 2 ** 20, 0), heapUsedAtEnd: round(finalMemory.heapUsedBytes / 2 ** 20, 0) },
    eventsAppendedDuringLoad: Number(headAfter - headBefore),
    // CPU over warm-up and measured window together: 1.0 = one core busy all the time.
    // The api's CPU per write varies less with contention than writes/s do (though a busy
    // sibling vCPU still inflates it); one core serves at most 1000 / apiCpuMsPerWrite writes/s.
    apiCpuMsPerWrite: round(serverCpuMicros / 1000 / load.completedTotal, 3),
    // The same CPU by thread (api-server.ts): the main thread, chDB's (the embedded projector's inserts and derived-table refresh, merges), the other threads.
    apiCpuSecondsByThread: threadsCpuSeconds,
    coresBusy: { api: round(serverCpuMicros / 1e6 / wallSeconds, 2), loadGenerator: round((clientCpu.user + clientCpu.system) / 1e6 / wallSeconds, 2) },
    // The api's main thread over the same window: how long it was held past a 10 ms timer, and its GC pauses.
    apiEventLoop: eventLoop,
    apiGc: gc,
  };
  console.log('http', JSON.stringify(http));
  console.log('http ceiling (GET /api/v1/programs)', JSON.stringify({ requestsPerSecond: round(ceiling.latenciesMs.length / 5, 0), p50Ms: round(percentile(ceiling.latenciesMs, 50), 2), p99Ms: round(percentile(ceiling.latenciesMs, 99), 2) }));
  const atRate = fixed && {
    ratePerSecond: rate,
    // How far behind the stages were after the closed loop and the ceiling, and how long they took to catch up before this loop.
    startedAfterCatchUp: settled,
    writesPerSecond: round(fixed.latenciesMs.length / (fixed.durationMs / 1000), 0),
    p50Ms: round(percentile(fixed.latenciesMs, 50), 2),
    p99Ms: round(percentile(fixed.latenciesMs, 99), 2),
    maxMs: round(fixed.latenciesMs.at(-1) ?? NaN, 1),
    byStatus: fixed.byStatus,
    // Over warm-up and measured window: what each write started at this rate cost the api, and on which threads.
    apiCpuMsPerWrite: round(fixedApi.cpuMicros / 1000 / fixed.completedTotal, 3),
    apiCpuSecondsByThread: fixedApi.threadsCpuSeconds,
    apiEventLoop: fixedApi.eventLoop,
  };
  if (atRate) console.log('http at a fixed rate (open loop, latency from when each write was due)', JSON.stringify(atRate));
  if (load.errorBodies.length > 0) console.log('non-2xx samples', load.errorBodies);
  if (fixed && fixed.errorBodies.length > 0) console.log('non-2xx samples at a fixed rate', fixed.errorBodies);
  if (profilePath) console.log(`cpu profile of the load window: ${profilePath} (node dist/bench/profile-summary.js <file>)`);

  // The events the load produced, to append again raw: same types, same sizes.
  const store = new SqliteEventStore({ path: join(dataDir, 'events.db') });
  const samples: RecordedEvent[] = (await store.readAll({ after: headBefore, limit: 20000 })).filter((e) => !e.stream.startsWith('idempotency-'));
  await store.close();
  const sizes = samples.map((e) => JSON.stringify(e.data).length + JSON.stringify(e.metadata).length);
  console.log('event sizes', JSON.stringify({ sampled: sizes.length, meanBytes: round(sizes.reduce((a, b) => a + b, 0) / sizes.length, 0), types: countBy(samples.map((e) => e.type)) }));

  const seconds = Number(args['append-seconds']) * 1000;
  const sequential = await measureAppendRate(samples, 1, seconds);
  const concurrent = await measureAppendRate(samples, concurrency, seconds);
  for (const rate of [sequential, concurrent]) console.log('sqlite', JSON.stringify({ ...rate, perSecond: round(rate.perSecond, 0), p50Ms: round(rate.p50Ms, 2), p99Ms: round(rate.p99Ms, 2) }));
  console.log('ratio', JSON.stringify({ httpToConcurrentAppends: round(http.writesPerSecond / concurrent.perSecond, 3), httpToSequentialAppends: round(http.writesPerSecond / sequential.perSecond, 2) }));
  // Met when the api sustains 2,000 writes/s (closed loop) and answers 99 % of the writes started at 2,000/s within 25 ms.
  const sustained = http.writesPerSecond >= 2000;
  const fastEnough = atRate !== null && atRate.ratePerSecond >= 2000 && atRate.writesPerSecond >= 0.99 * atRate.ratePerSecond && atRate.p99Ms < 25;
  console.log(
    `target (>= 2000 writes/s, p99 < 25 ms): ${sustained && fastEnough ? 'met' : 'missed'} (saturation ${http.writesPerSecond}/s with p99 ${http.p99Ms} ms at ${concurrency} in flight; ` +
      `${atRate ? `p99 ${atRate.p99Ms} ms at ${atRate.ratePerSecond}/s started, ${atRate.writesPerSecond}/s answered 2xx` : 'no fixed-rate phase'})`,
  );
} finally {
  if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

/** Waits until every stage of /health has lag 0 (at most 5 minutes): the largest lags seen first, and the wait. */
async function caughtUp(base: string): Promise<{ lagsAtStart: Record<string, number>; waitedMs: number }> {
  const started = performance.now();
  let lagsAtStart: Record<string, number> | null = null;
  for (;;) {
    const health = (await (await fetch(`${base}/health`)).json()) as { stages: { name: string; lag: string }[] };
    const lagging = health.stages.filter((stage) => stage.lag !== '0');
    lagsAtStart ??= Object.fromEntries(lagging.map((stage) => [stage.name, Number(stage.lag)]));
    const waitedMs = round(performance.now() - started, 0);
    if (lagging.length === 0) return { lagsAtStart, waitedMs };
    if (waitedMs > 300_000) throw new Error(`the api did not catch up in 5 minutes: ${JSON.stringify(lagging)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function headPosition(base: string): Promise<bigint> {
  const health = (await (await fetch(`${base}/health`)).json()) as { eventStore: { head: string } };
  return BigInt(health.eventStore.head);
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
