/**
 * How long the embedded projector holds the api's event loop at once: the Projector writes a
 * catch-up of the synthetic cohort (23,854 events at the defaults) into chDB in batches of
 * `--batch` events and `--rows` rows per insert, while a 1 ms timer on the same thread records
 * every gap over 2 ms between its firings (what an api request arriving meanwhile would wait
 * behind). Nothing else runs in the process: unlike pipeline.js, no appends or relay share the
 * thread, so the gaps are the projector's (projecting, encoding inserts, chDB copying statements,
 * GC). Run: npm run build && node dist/bench/pipeline-holds.js [--batch=20000 --rows=10000 --runs=3].
 * Not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { percentile } from './load.js';
import { machine } from './machine.js';
import { cohortEvents } from './pipeline-throughput.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    groups: { type: 'string', default: '40' },
    // analytics-wiring.ts: live batches up to 20,000 events, 10,000 rows per insert.
    batch: { type: 'string', default: '20000' },
    rows: { type: 'string', default: '10000' },
  },
});
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Every gap longer than 2 ms between two firings of a 1 ms timer, until stopped (a timer rather
 * than setImmediate, so the ticker sleeps while the thread is free instead of spinning a core).
 */
function loopGaps(): { stop(): number[] } {
  const gaps: number[] = [];
  let last = performance.now();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    if (now - last > 2) gaps.push(now - last);
    last = now;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop() {
      clearTimeout(timer);
      return gaps;
    },
  };
}

console.log('machine', JSON.stringify(machine()), 'batch', args.batch, 'rows', args.rows);
const today = new Date().toISOString().slice(0, 10);
const events = await cohortEvents({ seed: 2026, org: 'bench', today, programs: 2, groupsPerProgram: Number(args.groups), weeks: 12, membersPerGroup: 10 });
const workDir = mkdtempSync(join(tmpdir(), 'bench-holds-'));
try {
  for (let run = 1; run <= Number(args.runs); run++) {
    const store = await openChdbAnalyticsStore({ path: join(workDir, 'chdb'), database: `holds_${run}`, readers: 1 });
    try {
      await migrate(store);
      const projector = new Projector(store, { deadLetters: new InMemoryDeadLetterSink({ log: () => undefined }), maxRowsPerInsert: Number(args.rows) });
      const batch = Number(args.batch);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const ticker = loopGaps();
      for (let start = 0; start < events.length; start += batch) await projector.handleBatch(events.slice(start, start + batch));
      const gaps = Float64Array.from(ticker.stop()).sort();
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      console.log(
        'holds',
        JSON.stringify({
          run,
          loadAverage1m: round(loadavg()[0]!),
          events: events.length,
          wallMs: Math.round(wallMs),
          processCpuMs: Math.round((cpu.user + cpu.system) / 1000),
          gapsOver2Ms: gaps.length,
          over5Ms: gaps.filter((g) => g > 5).length,
          over10Ms: gaps.filter((g) => g > 10).length,
          over20Ms: gaps.filter((g) => g > 20).length,
          p99Ms: round(percentile(gaps, 99)),
          maxMs: round(gaps.at(-1) ?? 0),
          heldMs: Math.round(gaps.reduce((a, b) => a + b, 0)),
        }),
      );
    } finally {
      await store.close();
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
