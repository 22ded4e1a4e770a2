/**
 * The api's memory and start-up over an existing data folder (issue 7 "Scale"): starts
 * `dist/apps/api/src/main.js` on --data (embedded, benchmark profile, no demo seed), waits until
 * every /health stage is at the head, and reports the seconds that took, RSS after start (VmRSS),
 * the peak RSS (VmHWM), the JS heap right after start and the live heap after a forced GC.
 * Run it on a COPY of a bench data folder: the api appends to it and chDB locks it.
 *
 *   node --expose-gc dist/bench/api-memory.js --data=/tmp/copy-of-1m [--port=3917] [--restarts=1]
 *
 * --restarts=N starts the api N more times on the same folder (the second start is the one
 * state snapshots speed up). A probe preloaded into the api (--import) answers SIGWINCH with
 * process.memoryUsage() before and after global.gc(), written to a file beside it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiNodeFlags } from './api-node-flags.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const dataDir = resolve(args.get('data') ?? '');
const port = Number(args.get('port') ?? 3917);
const restarts = Number(args.get('restarts') ?? 0);
const main = join(dirname(fileURLToPath(import.meta.url)), '../apps/api/src/main.js');
const mb = (bytes: number) => Math.round(bytes / 1048576);
/** The api's own V8 flags, as `npm start` and the Dockerfile run it. */

const PROBE = `
import { writeFileSync } from 'node:fs';
let peakHeapUsed = 0, peakHeapTotal = 0, peakExternal = 0;
setInterval(() => {
  const m = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
  peakHeapTotal = Math.max(peakHeapTotal, m.heapTotal);
  peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
}, 200).unref();
// SIGWINCH: Nest's shutdown hooks listen to SIGUSR2 (and the usual others) and would close the api.
process.on('SIGWINCH', () => {
  const before = process.memoryUsage();
  globalThis.gc?.();
  const after = process.memoryUsage();
  writeFileSync(process.env.MEMORY_PROBE_OUT, JSON.stringify({ before, after, peakHeapUsed, peakHeapTotal, peakExternal }));
});
`;

function statusKb(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

/** utime + stime of a process (/proc/<pid>/stat fields 14 and 15, clock ticks of 10 ms): start-up cost on a shared machine. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function atHead(): Promise<boolean> {
  try {
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { stages: { lag: string }[] };
    return health.stages.length > 0 && health.stages.every((s) => s.lag === '0');
  } catch {
    return false;
  }
}

async function once(probeDir: string): Promise<Record<string, number>> {
  const probeOut = join(probeDir, 'memory.json');
  rmSync(probeOut, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [...apiNodeFlags(), '--expose-gc', '--import', join(probeDir, 'probe.mjs'), main], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: 'false', APP_PROFILE: 'benchmark', MEMORY_PROBE_OUT: probeOut },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  while (!(await atHead())) await new Promise((r) => setTimeout(r, 250));
  const startupSeconds = Math.round((performance.now() - started) / 100) / 10;
  const startupCpuSeconds = cpuSecondsOf(child.pid!);
  const rssAfterStart = statusKb(child.pid!, 'VmRSS') * 1024;
  child.kill('SIGWINCH');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      const probe = JSON.parse(readFileSync(probeOut, 'utf8')) as { before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage; peakHeapUsed: number; peakHeapTotal: number; peakExternal: number };
      const peak = statusKb(child.pid!, 'VmHWM') * 1024;
      child.kill('SIGTERM');
      await exited;
      return { startupSeconds, startupCpuSeconds, rssAfterStartMb: mb(rssAfterStart), peakRssMb: mb(peak), heapUsedAfterStartMb: mb(probe.before.heapUsed), liveHeapAfterGcMb: mb(probe.after.heapUsed), peakHeapUsedMb: mb(probe.peakHeapUsed), peakHeapTotalMb: mb(probe.peakHeapTotal), peakExternalMb: mb(probe.peakExternal), rssAfterGcMb: mb(probe.after.rss) };
    } catch {
      // not written yet
    }
  }
  child.kill('SIGTERM');
  await exited;
  throw new Error('the memory probe did not answer');
}

const probeDir = mkdtempSync(join(tmpdir(), 'api-memory-'));
writeFileSync(join(probeDir, 'probe.mjs'), PROBE);
try {
  for (let run = 0; run <= restarts; run++) console.log(JSON.stringify({ run, dataDir, ...(await once(probeDir)) }));
} finally {
  rmSync(probeDir, { recursive: true, force: true });
}
