/**
 * The projection pipeline (issue 5 "Benchmark"): events per second from append to queryable in
 * embedded mode and with Kafka, beside the same rows inserted straight into chDB (the ceiling);
 * freshness p50/p99 under a paced write load; the api's write p99 with the projector idle and
 * working. Every figure `--runs` times (median reported; the machine is shared).
 * Run: npm run build && node dist/bench/pipeline.js [--kafka] [--runs=3] ... (bench/README.md).
 * Not a test: nothing here runs in the test suite.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import type { CohortOptions } from '#libs/synthetic';
import { machine } from './machine.js';
import { cohortEvents, pipelineRun, straightInsert } from './pipeline-throughput.js';
import type { PipelineMode } from './pipeline-stages.js';
import { apiWriteLatency } from './pipeline-writes.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    groups: { type: 'string', default: '40' },
    weeks: { type: 'string', default: '12' },
    rate: { type: 'string', default: '300' },
    'paced-seconds': { type: 'string', default: '10' },
    kafka: { type: 'boolean', default: false },
    'kafka-dir': { type: 'string', default: '.tmp/kafka-bench-pipeline' },
    'skip-writes': { type: 'boolean', default: false },
    'writes-seconds': { type: 'string', default: '10' },
    'writes-groups': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    'embedded-batch': { type: 'string' },
    'embedded-rows': { type: 'string' },
    'embedded-refresh-ms': { type: 'string' },
    'kafka-refresh-ms': { type: 'string' },
    'embedded-idle': { type: 'string' },
    'embedded-in-flight': { type: 'string' },
    'embedded-relay-batch': { type: 'string' },
    'kafka-relay-batch': { type: 'string' },
    'kafka-batch': { type: 'string' },
    'kafka-min-bytes': { type: 'string' },
    'kafka-wait': { type: 'string' },
  },
});
const runs = Number(args.runs);
const today = new Date().toISOString().slice(0, 10);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const load1 = () => round(loadavg()[0]!, 2);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const cohort = (org: string, groups: number, weeks = Number(args.weeks)): CohortOptions => ({ seed: 2026, org, today, programs: 2, groupsPerProgram: groups, weeks, membersPerGroup: 10 });

console.log('machine', JSON.stringify(machine()));
const workDir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
// chDB: one data directory per process; every run gets a database of its own in it.
const openDatabase = (database: string) => openChdbAnalyticsStore({ path: join(workDir, 'chdb'), database, readers: 1 });
let kafkaStarted = false;

try {
  const events = await cohortEvents(cohort('bench', Number(args.groups)));
  console.log(`cohort: ${events.length} events (${args.groups} groups × 2 programs, ${args.weeks} weeks, 10 members)`);
  const embedded: PipelineMode = { kind: 'embedded', ...(args['embedded-batch'] ? { batch: Number(args['embedded-batch']) } : {}), ...(args['embedded-rows'] ? { rows: Number(args['embedded-rows']) } : {}), ...(args['embedded-idle'] ? { idleMs: Number(args['embedded-idle']) } : {}), ...(args['embedded-in-flight'] ? { inFlight: Number(args['embedded-in-flight']) } : {}), ...(args['embedded-relay-batch'] ? { relayBatch: Number(args['embedded-relay-batch']) } : {}), ...(args['embedded-refresh-ms'] ? { refreshMs: Number(args['embedded-refresh-ms']) } : {}) };
  const modes: { name: string; mode: PipelineMode }[] = [{ name: 'embedded', mode: embedded }];
  if (args.kafka) {
    // Our own broker dir, so a running test suite's broker is not disturbed (scripts/kafka/start.sh).
    execFileSync('bash', ['scripts/kafka/start.sh', '--fresh'], { env: { ...process.env, KAFKA_DIR: args['kafka-dir'] }, stdio: 'inherit' });
    kafkaStarted = true;
    const bootstrap = readFileSync(join(args['kafka-dir'], 'bootstrap'), 'utf8').trim();
    const sizes = { ...(args['kafka-relay-batch'] ? { relayBatch: Number(args['kafka-relay-batch']) } : {}), ...(args['kafka-batch'] ? { batch: Number(args['kafka-batch']) } : {}), ...(args['kafka-min-bytes'] ? { minBytes: Number(args['kafka-min-bytes']) } : {}), ...(args['kafka-wait'] ? { maxWaitMs: Number(args['kafka-wait']) } : {}), ...(args['kafka-refresh-ms'] !== undefined ? { refreshMs: Number(args['kafka-refresh-ms']) } : {}) };
    modes.push({ name: 'kafka', mode: { kind: 'kafka', brokers: [bootstrap], topic: `bench-${Date.now()}`, ...sizes } });
  }

  const table: Record<string, Record<string, number>[]> = {};
  const record = (name: string, row: Record<string, number>) => {
    (table[name] ??= []).push(row);
    console.log(name, JSON.stringify(row));
  };
  for (let run = 1; run <= runs; run++) {
    const ceiling = await straightInsert(openDatabase, `ceiling_${run}`, events);
    record('straight insert', { run, loadAverage1m: load1(), events: ceiling.events, eventsPerSecond: round(ceiling.eventsPerSecond, 0), withDerivedEventsPerSecond: round(ceiling.withDerived.eventsPerSecond, 0) });
    for (const { name, mode } of modes) {
      const database = `${name}_${run}`;
      const topicMode: PipelineMode = mode.kind === 'kafka' ? { ...mode, topic: `${mode.topic}-${run}` } : mode;
      const paced = { cohort: cohort(`live-${run}`, 20, 4), rate: Number(args.rate), seconds: Number(args['paced-seconds']) };
      const figures = await pipelineRun({ mode: topicMode, workDir, openDatabase, database, cohort: cohort('bench', Number(args.groups)), paced });
      record(name, {
        run,
        loadAverage1m: load1(),
        events: figures.events,
        eventsPerSecond: round(figures.eventsPerSecond, 0),
        ratioToStraightInsert: round(figures.eventsPerSecond / ceiling.eventsPerSecond, 2),
        ratioToStraightInsertWithDerived: round(figures.eventsPerSecond / ceiling.withDerived.eventsPerSecond, 2),
        projectorBusy: round(figures.projectorBusy, 2),
        pacedAppendsPerSecond: round(figures.freshness.appendsPerSecond, 0),
        freshnessP50Ms: round(figures.freshness.p50Ms, 0),
        freshnessP99Ms: round(figures.freshness.p99Ms, 0),
        freshnessMaxMs: round(figures.freshness.maxMs, 0),
      });
    }
  }

  if (!args['skip-writes']) {
    const apiDir = mkdtempSync(join(tmpdir(), 'bench-pipeline-api-'));
    try {
      const latencies = await apiWriteLatency({ dataDir: apiDir, today, bulk: cohort('bulk', Number(args.groups)), groups: Number(args['writes-groups']), runs, seconds: Number(args['writes-seconds']), concurrency: Number(args.concurrency), loadAverage: load1 });
      for (const l of latencies) record(`api writes, projector ${l.projector}`, { loadAverage1m: l.loadAverage1m, writesPerSecond: round(l.writesPerSecond, 0), p50Ms: round(l.p50Ms, 1), p99Ms: round(l.p99Ms, 1), projectedEventsPerSecond: round(l.projectedEventsPerSecond, 0) });
    } finally {
      rmSync(apiDir, { recursive: true, force: true });
    }
  }

  console.log('\nmedians');
  for (const [name, rows] of Object.entries(table)) {
    const keys = Object.keys(rows[0]!).filter((k) => k !== 'run');
    console.log(name, JSON.stringify(Object.fromEntries(keys.map((k) => [k, median(rows.map((r) => r[k]!))]))));
  }
} finally {
  if (kafkaStarted) execFileSync('bash', ['scripts/kafka/stop.sh'], { env: { ...process.env, KAFKA_DIR: args['kafka-dir'] }, stdio: 'inherit' });
  rmSync(workDir, { recursive: true, force: true });
}
