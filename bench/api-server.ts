/**
 * The api in embedded mode as its own process (so the load generator does not share its event
 * loop). Started by http-writes.ts with fork(); DATA_DIR is the first argument. Tells the parent
 * its URL, answers memory questions, stops on request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { type IntervalHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { closeApiApp, createApiApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { applyHeapGrowth, stateSnapshotBytes } from '../apps/api/src/config/heap-growth.js';

const dataDir = process.argv[2];
if (!dataDir || !process.send) throw new Error('usage: fork(api-server.js, [dataDir])');

const config = loadConfig({ ...process.env, APP_PROFILE: 'benchmark', DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'false' });
applyHeapGrowth(config, { restoredBytes: stateSnapshotBytes(config) }); // as main.js does, so the bench measures what ships
const app = await createApiApp(config);
app.useLogger(['error']);
await app.listen(0, '127.0.0.1');
const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

/** Resident set now and its peak (VmHWM), from the kernel's own accounting. */
function memory() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssBytes: kb('VmRSS') * 1024, peakRssBytes: kb('VmHWM') * 1024, heapUsedBytes: process.memoryUsage().heapUsed };
}

// A CPU profile of the load window only (not of start-up and seeding), on the parent's request.
const inspector = new Session();
let cpuAtStart = process.cpuUsage();
// Where a latency tail comes from: how long the event loop was held (delay past a 10 ms timer), and GC pauses.
let loopDelay: IntervalHistogram | null = null;
const gcPausesMs: number[] = [];
const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((entry) => gcPausesMs.push(entry.duration)));

process.on('message', async (message: { type: string; path?: string }) => {
  if (message.type === 'memory') process.send!({ type: 'memory', ...memory() });
  if (message.type === 'load-start') {
    cpuAtStart = process.cpuUsage();
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
    process.send!({ type: 'load-ended', cpuMicros: cpu.user + cpu.system, eventLoop, gc });
  }
  if (message.type === 'stop') {
    await closeApiApp(app);
    process.send!({ type: 'stopped' }, () => process.exit(0));
  }
});
process.send({ type: 'ready', url, pid: process.pid });
