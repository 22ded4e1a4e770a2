/**
 * p50/p95 of each dashboard read endpoint on a generated organization of --events events, in
 * embedded mode (the api process: SQLite event log + chDB in-process), beside the same query
 * run directly in chDB (runX of #libs/analytics), with the ratio; the api's start-up time over
 * that log and its RSS. See bench/README.md and docs/benchmarks.md.
 *
 *   node dist/bench/dashboard-endpoints.js --events=1000000 [--data=.tmp/bench-data/1000000] [--runs=30] [--warmup=3] [--repeat=3]
 *
 * Phases run in their own processes (chDB allows one data path per process and locks it):
 * build (once per data folder), direct (runX against chDB), then the api.
 */
import { fork, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { migrate } from '#libs/projector';
import { apiNodeFlags } from './api-node-flags.js';
import { type BenchTargets, ENDPOINTS, findTargets, percentiles, round } from './dashboard-queries.js';
import { buildDataDir, cohortFor } from './synthetic-store.js';

// Split at the first '=' only: a value may hold one (--api-node-args=--flag=1).
const args = new Map(process.argv.slice(2).map((a) => { const [key, ...value] = a.replace(/^--/, '').split('='); return [key!, value.join('=')]; }));
const events = Number(args.get('events') ?? 1_000_000);
const dataDir = resolve(args.get('data') ?? `.tmp/bench-data/${events}`);
const runs = Number(args.get('runs') ?? 30);
const warmup = Number(args.get('warmup') ?? 3);
const repeat = Number(args.get('repeat') ?? 3);
const phase = args.get('phase') ?? 'main';
/** Node options for the api process, space-separated (e.g. `--api-node-args=--heap-growing-percent=20`). */
// The api's own V8 flags (as `npm start` and the Dockerfile run it) unless --api-node-args replaces them.
const apiNodeArgs = apiNodeFlags(args.get('api-node-args'));
/** Reuse the last direct phase's figures (bench-direct.json) instead of running it again. */
const skipDirect = args.has('skip-direct');
const log = (line: string) => console.error(line);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Wall-clock percentiles, and the CPU the serving process spent per request (which contention on a shared machine barely changes). */
type Stats = { p50: number; p95: number; n: number; cpuMs: number };

/** Median over repeats of p50 and of p95 (the machine is shared: one noisy set should not decide). */
function medianOf(sets: readonly Stats[]): Stats & { sets: Stats[] } {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { p50: mid(sets.map((s) => s.p50)), p95: mid(sets.map((s) => s.p95)), n: sets[0]!.n, cpuMs: mid(sets.map((s) => s.cpuMs)), sets: [...sets] };
}

async function timeIt(work: () => Promise<unknown>, cpuMsOfServer: () => number): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  const cpuAtStart = cpuMsOfServer();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return { ...percentiles(samples), cpuMs: round((cpuMsOfServer() - cpuAtStart) / runs) };
}

const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** utime + stime of another process (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Resets the peak resident set (VmHWM) of a process to its current size (Linux 4.0+,
 * proc(5) "clear_refs": 5), so the next reading is the peak of what ran in between.
 * False when the kernel refuses (then peaks stay "so far").
 */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function runPhase(name: string): Promise<void> {
  const child = fork(process.argv[1]!, [...process.argv.slice(2).filter((a) => !a.startsWith('--phase')), `--phase=${name}`], { stdio: 'inherit' });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`phase ${name} exited with ${code}`);
}

async function buildPhase(): Promise<void> {
  const options = cohortFor(events);
  log(`build: ${JSON.stringify(options)} into ${dataDir} (load ${load()})`);
  const result = await buildDataDir(dataDir, options, log);
  log(`build: ${result.events} events in ${result.seconds.toFixed(0)} s = ${result.eventsPerSecond}/s, ${result.deadLetters} dead letters`);
}

async function directPhase(): Promise<void> {
  const store = await openChdbAnalyticsStore({ path: join(dataDir, 'analytics'), database: 'analytics', readers: 2 });
  // As the api does at start: a data folder built before a migration gets it (and its backfill) here, timed apart.
  const migrating = performance.now();
  const applied = await migrate(store);
  if (applied.length > 0) log(`direct: migrated ${applied.join(', ')} in ${((performance.now() - migrating) / 1000).toFixed(1)} s`);
  const targets = await findTargets(store, 'bench');
  const results: Record<string, Stats> = {};
  for (const endpoint of ENDPOINTS) {
    const direct = endpoint.direct;
    if (!direct) continue;
    const sets: Stats[] = [];
    for (let r = 0; r < repeat; r++) sets.push(await timeIt(() => direct(store, targets), ownCpuMs));
    results[endpoint.name] = medianOf(sets);
    log(`direct ${endpoint.name}: ${JSON.stringify(results[endpoint.name])}`);
  }
  await store.close();
  writeFileSync(join(dataDir, 'bench-direct.json'), JSON.stringify({ targets, results, rss: rssOf(process.pid), load: load() }, null, 2));
}

async function apiPhase(head: string, targets: BenchTargets): Promise<Record<string, unknown>> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const out = openSync(join(dataDir, 'api.log'), 'w');
  const started = performance.now();
  const api = spawn(process.execPath, [...apiNodeArgs, 'dist/apps/api/src/main.js'], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: 'false', APP_PROFILE: 'benchmark' }, stdio: ['ignore', out, out] });
  let peakDuringStart = 0;
  let listeningS: number | null = null;
  try {
    for (;;) {
      if (api.exitCode !== null) throw new Error(`api exited with ${api.exitCode} (see ${dataDir}/api.log)`);
      peakDuringStart = Math.max(peakDuringStart, rssOf(api.pid!).rssMb);
      const health = await fetch(`${base}/health`).then((r) => r.json() as Promise<{ stages: { name: string; position: string }[] }>).catch(() => null);
      if (health && listeningS === null) listeningS = (performance.now() - started) / 1000;
      if (health && health.stages.every((s) => BigInt(s.position) >= BigInt(head))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // The kernel's peak (VmHWM) is the true one; the samples above, every 250 ms, can miss it.
    const atCatchUp = rssOf(api.pid!);
    const startup = { listeningS: round(listeningS!), caughtUpS: round((performance.now() - started) / 1000), rssAfterStartMb: atCatchUp.rssMb, peakRssDuringStartMb: Math.max(peakDuringStart, atCatchUp.peakMb) };
    log(`api: ${JSON.stringify(startup)}`);
    const { token } = (await (await fetch(`${base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench-director', org: targets.org, role: 'director' }) })).json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'treatment' };
    const results: Record<string, Stats> = {};
    const memory: Record<string, { rssMb: number; peakMb: number; peakDuringMb: number | null }> = {};
    let peakMb = rssOf(api.pid!).peakMb;
    for (const endpoint of ENDPOINTS) {
      const reset = resetPeakRss(api.pid!);
      const url = base + endpoint.path(targets);
      const check = await fetch(url, { headers });
      if (!check.ok) throw new Error(`${endpoint.name}: ${check.status} ${await check.text()}`);
      await check.arrayBuffer();
      const sets: Stats[] = [];
      for (let r = 0; r < repeat; r++) sets.push(await timeIt(async () => (await fetch(url, { headers })).arrayBuffer(), () => cpuMsOf(api.pid!)));
      results[endpoint.name] = medianOf(sets);
      // Which requests raise the peak: the resident set after each endpoint's runs, its peak during them and so far.
      const after = rssOf(api.pid!);
      peakMb = Math.max(peakMb, after.peakMb);
      memory[endpoint.name] = { rssMb: after.rssMb, peakMb, peakDuringMb: reset ? after.peakMb : null };
      log(`api ${endpoint.name}: ${JSON.stringify({ ...results[endpoint.name], ...memory[endpoint.name] })}`);
    }
    return { startup, results, memory, rssAfterQueriesMb: rssOf(api.pid!).rssMb, peakRssMb: Math.max(peakMb, rssOf(api.pid!).peakMb) };
  } finally {
    api.kill('SIGTERM');
    await new Promise((done) => (api.exitCode !== null ? done(null) : api.on('exit', done)));
  }
}

async function main(): Promise<void> {
  const loadAtStart = load();
  if (!existsSync(join(dataDir, 'bench-build.json'))) await runPhase('build');
  const build = JSON.parse(readFileSync(join(dataDir, 'bench-build.json'), 'utf8')) as { events: number; head: string; eventsPerSecond: number; seconds: number };
  if (!skipDirect || !existsSync(join(dataDir, 'bench-direct.json'))) await runPhase('direct');
  const direct = JSON.parse(readFileSync(join(dataDir, 'bench-direct.json'), 'utf8')) as { targets: BenchTargets; results: Record<string, Stats>; load: string };
  const api = await apiPhase(build.head, direct.targets);
  const apiResults = api['results'] as Record<string, Stats>;
  const apiMemory = api['memory'] as Record<string, { rssMb: number; peakMb: number; peakDuringMb: number | null }>;
  const rows = ENDPOINTS.map(({ name }) => {
    const a = apiResults[name]!;
    const d = direct.results[name];
    return { endpoint: name, apiP50: a.p50, apiP95: a.p95, directP50: d?.p50 ?? null, directP95: d?.p95 ?? null, ratioP95: d ? round(a.p95 / d.p95) : null, overP95Ms: d ? round(a.p95 - d.p95) : null, apiCpuMs: a.cpuMs, directCpuMs: d?.cpuMs ?? null, rssAfterMb: apiMemory[name]!.rssMb, peakRssDuringMb: apiMemory[name]!.peakDuringMb, peakRssSoFarMb: apiMemory[name]!.peakMb };
  });
  const report = { events: build.events, build, load: { atStart: loadAtStart, direct: direct.load, atEnd: load() }, runs, warmup, repeat, apiNodeArgs, startup: api['startup'], rssAfterQueriesMb: api['rssAfterQueriesMb'], peakRssMb: api['peakRssMb'], rows };
  writeFileSync(join(dataDir, 'bench-report.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  console.log('\n| endpoint | api p50 | api p95 | chDB p50 | chDB p95 | p95 ratio | p95 over (ms) | api CPU ms/req | chDB CPU ms/query | api RSS after (MB) | api peak RSS during (MB) | api peak RSS so far (MB) |\n|---|---|---|---|---|---|---|---|---|---|---|---|');
  const or = (value: number | null) => value ?? '—';
  for (const r of rows) console.log(`| ${r.endpoint} | ${r.apiP50} | ${r.apiP95} | ${or(r.directP50)} | ${or(r.directP95)} | ${or(r.ratioP95)} | ${or(r.overP95Ms)} | ${r.apiCpuMs} | ${or(r.directCpuMs)} | ${r.rssAfterMb} | ${r.peakRssDuringMb ?? '?'} | ${r.peakRssSoFarMb} |`);
}

if (phase === 'build') await buildPhase();
else if (phase === 'direct') await directPhase();
else await main();
