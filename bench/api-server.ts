/**
 * The api in embedded mode as its own process (so the load generator does not share its event
 * loop). Started by http-writes.ts with fork(); DATA_DIR is the first argument. Tells the parent
 * its URL, answers memory questions, stops on request.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { type IntervalHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { closeApiApp, createApiApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { applyHeapGrowth, stateSnapshotBytes } from '../apps/api/src/config/heap-growth.js';
import { RelayRunner } from '#libs/relay';

const dataDir = process.argv[2];
if (!dataDir || !process.send) throw new Error('usage: fork(api-server.js, [dataDir])');

const config = loadConfig({ ...process.env, APP_PROFILE: 'benchmark', DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'false' });
applyHeapGrowth(config, { restoredBytes: stateSnapshotBytes(config) }); // as main.js does, so the bench measures what ships
const app = await createApiApp(config);
app.useLogger(['error']);
await app.listen(0, '127.0.0.1');
// Diagnostic (http-writes.js --live-projection=off): the relay stopped, so no event reaches the
// projector and neither it nor chDB works beside the writes. Not a mode the product runs in.
if (process.env.BENCH_LIVE_PROJECTION === 'off') await app.get(RelayRunner).relay.stop();
const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

/** Resident set now and its peak (VmHWM), from the kernel's own accounting. */
function memory() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssBytes: kb('VmRSS') * 1024, peakRssBytes: kb('VmHWM') * 1024, heapUsedBytes: process.memoryUsage().heapUsed };
}

/**
 * CPU ticks (1/100 s) of every thread of this process so far, by tid (Linux /proc): which threads
 * a write costs, the main thread's or chDB's (its threads are named, ours are all "node").
 */
function threadTicks(): Map<string, { comm: string; ticks: number }> {
  const threads = new Map<string, { comm: string; ticks: number }>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/** CPU seconds per kind of thread since `before`: the main thread, chDB's threads, and the other "node" threads (SQLite writer, libuv pool that runs chDB's calls, V8's helpers). */
function threadCpuSince(before: Map<string, { comm: string; ticks: number }>): { main: number; chdb: number; otherNode: number } {
  const seconds = { main: 0, chdb: 0, otherNode: 0 };
  for (const [tid, { comm, ticks }] of threadTicks()) {
    const spent = (ticks - (before.get(tid)?.ticks ?? 0)) / 100;
    if (tid === String(process.pid)) seconds.main += spent;
    else if (comm === 'node') seconds.otherNode += spent;
    else seconds.chdb += spent;
  }
  return { main: Math.round(seconds.main * 100) / 100, chdb: Math.round(seconds.chdb * 100) / 100, otherNode: Math.round(seconds.otherNode * 100) / 100 };
}

// A CPU profile of the load window only (not of start-up and seeding), on the parent's request.
const inspector = new Session();
let cpuAtStart = process.cpuUsage();
let threadsAtStart = threadTicks();
// Where a latency tail comes from: how long the event loop was held (delay past a 10 ms timer), and GC pauses.
let loopDelay: IntervalHistogram | null = null;
const gcPausesMs: number[] = [];
const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((entry) => gcPausesMs.push(entry.duration)));

process.on('message', async (message: { type: string; path?: string }) => {
  if (message.type === 'memory') process.send!({ type: 'memory', ...memory() });
  if (message.type === 'load-start') {
    cpuAtStart = process.cpuUsage();
    threadsAtStart = threadTicks();
    loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    gcPausesMs.length = 0;
    gcObserver.observe({ entryTypes: ['gc'] });
    if (message.path) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    process.send!({ type: 'load-started' });
  }
  if (message.type === 'load-end') {
    const cpu = process.cpuUsage(cpuAtStart);
    const threadsCpuSeconds = threadCpuSince(threadsAtStart);
    if (message.path) {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(message.path, JSON.stringify(profile));
      inspector.disconnect();
    }
    loopDelay!.disable();
    gcObserver.disconnect();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const eventLoop = { delayP50Ms: ms(loopDelay!.percentile(50)), delayP99Ms: ms(loopDelay!.percentile(99)), delayMaxMs: ms(loopDelay!.max) };
    const sorted = [...gcPausesMs].sort((a, b) => a - b);
    const gc = { pauses: sorted.length, totalMs: Math.round(sorted.reduce((a, b) => a + b, 0)), p99Ms: Math.round((sorted[Math.floor(sorted.length * 0.99)] ?? 0) * 100) / 100, maxMs: Math.round((sorted.at(-1) ?? 0) * 100) / 100 };
    process.send!({ type: 'load-ended', cpuMicros: cpu.user + cpu.system, threadsCpuSeconds, eventLoop, gc });
  }
  if (message.type === 'stop') {
    await closeApiApp(app);
    process.send!({ type: 'stopped' }, () => process.exit(0));
  }
});
process.send({ type: 'ready', url, pid: process.pid });
