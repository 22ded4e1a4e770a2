import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { buildDataset, DEFAULT_K, type ExportFile, manifestFile, manifestOf, newSurrogate, surrogatesNeeded, textFiles, verifyExport, writeParquet } from '#libs/exports';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { writeCohortEvents } from '#libs/synthetic';
import { loadExportSource } from '../apps/api/src/exports/export-source.js';
import { machine } from './machine.js';

/**
 * A research export over an analytics store loaded with about a million events (issue 9):
 * one program of `--groups` rolling groups over `--weeks` weeks (libs/synthetic), written
 * straight into chDB through the projector, then every step the api's export job runs — load
 * the program's tables, surrogates, de-identification and k-anonymity, CSV, Parquet by the
 * engine, write, read back, verify — timed one by one, with the process's peak RSS.
 * Run: `npm run build && node dist/bench/exports-1m.js [--groups=450] [--weeks=104]`.
 */
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const groups = arg('groups', 450);
const weeks = arg('weeks', 104);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const timings: Record<string, number> = {};
async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await work();
  timings[name] = Math.round(performance.now() - start);
  console.error(`${name}: ${timings[name]} ms (rss ${mib(process.memoryUsage().rss)} MiB)`);
  return result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-exports-'));
  const store = await openChdbAnalyticsStore({ path: join(dir, 'chdb'), database: 'bench' });
  try {
    await migrate(store);
    const projector = new Projector(store, { deadLetters: new InMemoryDeadLetterSink({ log: (line) => console.error(line) }), maxRowsPerInsert: 50_000 });
    const options = { seed: 2026, org: 'bench', today: '2026-11-01', programs: 1, groupsPerProgram: groups, weeks, membersPerGroup: 10 };
    const written = await timed('load 1M events into chDB (not part of the export)', () => writeCohortEvents(options, { project: (batch) => projector.handleBatch(batch), batchEvents: 50_000 }));
    const [program] = await store.query<{ programId: string; part2: number }>('SELECT program_id AS programId, part2 FROM programs FINAL WHERE org = {org:String}', { org: 'bench' });
    const rssBeforeExport = process.memoryUsage().rss;
    peakRss = rssBeforeExport;

    const exportStart = performance.now();
    const source = await timed('load the program from the analytics tables', () => loadExportSource(store, 'bench', { programId: program!.programId, part2: program!.part2 === 1 }));
    const query = { programId: program!.programId, from: null, to: null, instruments: [], k: DEFAULT_K };
    const ids = await timed('assign surrogates', () => {
      const needed = surrogatesNeeded(source, query);
      const map = new Map<string, string>([...needed.participants.map((id) => [`p/${id}`, newSurrogate('participant')] as const), ...needed.groups.map((id) => [`g/${id}`, newSurrogate('group')] as const)]);
      return { participant: (id: string) => map.get(`p/${id}`)!, group: (id: string) => map.get(`g/${id}`)! };
    });
    const dataset = await timed('de-identify, k-anonymity, aggregates', () => buildDataset(source, query, ids));
    const files: ExportFile[] = await timed('CSV and dictionary', () => textFiles(dataset));
    await timed('Parquet by the engine', async () => {
      for (const table of dataset.tables) files.push({ name: `${table.name}.parquet`, bytes: await writeParquet(store, table), rows: table.rows.length });
    });
    files.push(manifestFile(manifestOf(dataset, query, files)));
    const out = join(dir, 'export');
    const problems = await timed('write, read back, verify', () => {
      mkdirSync(out, { recursive: true });
      for (const f of files) writeFileSync(join(out, f.name), f.bytes);
      const back = files.map((f) => ({ ...f, bytes: readFileSync(join(out, f.name)) }));
      return verifyExport(back, { k: DEFAULT_K, forbidden: source.participants.map((p) => p.participantId) });
    });
    const exportMs = Math.round(performance.now() - exportStart);
    clearInterval(sampler);
    const result = {
      machine: machine(),
      events: written.events,
      participantsEligible: dataset.participants + dataset.rowsSuppressed,
      participantsKept: dataset.participants,
      level: dataset.level,
      rows: Object.fromEntries(dataset.tables.map((t) => [t.name, t.rows.length])),
      bytes: { csv: files.filter((f) => f.name.endsWith('.csv')).reduce((n, f) => n + f.bytes.length, 0), parquet: files.filter((f) => f.name.endsWith('.parquet')).reduce((n, f) => n + f.bytes.length, 0) },
      verifierProblems: problems.length,
      exportMs,
      timingsMs: timings,
      rssBeforeExportMiB: mib(rssBeforeExport),
      peakRssDuringExportMiB: mib(peakRss),
      heapUsedAtEndMiB: mib(process.memoryUsage().heapUsed),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    clearInterval(sampler);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
