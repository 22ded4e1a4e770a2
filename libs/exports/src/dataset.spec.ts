import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RecordedEvent } from '#libs/events';
import type { CohortOptions } from '#libs/synthetic';
import { ALL } from './aggregates.js';
import { derivableCells, type PublishedGrid } from './cell-suppression.js';
import { parseCsv } from './csv.js';
import { buildDataset } from './dataset.js';
import { manifestFile, manifestOf, textFiles } from './files.js';
import { DEFAULT_K, PART2_NOTICE } from './policy.js';
import type { ExportQuery } from './source.js';
import { generatedEvents, generatedIdentifiers, sourceFromEvents, testSurrogates } from './testing/index.js';
import { verifyExport } from './verifier.js';

/** A realistic organization (libs/synthetic): a year of weekly rolling groups, two programs (the second is Part 2). */
const cohort = (seed: number): CohortOptions => ({ seed, org: `org-${seed}`, today: '2026-06-01', programs: 2, groupsPerProgram: 8, weeks: 52, membersPerGroup: 10 });
const programsOf = (events: RecordedEvent[]) => events.filter((e) => e.type === 'ProgramCreated').map((e) => (e.data as { programId: string }).programId);

/** Independently of the lib: whose latest research consent event is a grant. */
function consentedIn(events: RecordedEvent[]): Set<string> {
  const latest = new Map<string, string>();
  for (const e of events) {
    const d = e.data as { scope?: string; status?: string; participantId?: string };
    if (e.type === 'ConsentRecorded' && d.scope === 'research') latest.set(d.participantId!, d.status!);
  }
  return new Set([...latest].filter(([, s]) => s === 'granted').map(([id]) => id));
}

function grid(csv: Buffer): PublishedGrid {
  const { rows } = parseCsv(csv);
  const r = [...new Set(rows.map((x) => x[0]!))].filter((v) => v !== ALL).concat(ALL);
  const c = [...new Set(rows.map((x) => x[1]!))].filter((v) => v !== ALL).concat(ALL);
  const g: PublishedGrid = r.map(() => c.map(() => 0));
  for (const [a, b, v] of rows) g[r.indexOf(a!)]![c.indexOf(b!)] = v === '' ? null : Number(v);
  return g;
}

const cache = new Map<number, RecordedEvent[]>();
const eventsOf = (seed: number) => cache.get(seed) ?? cache.set(seed, generatedEvents(cohort(seed))).get(seed)!;

describe('research export on generated cohorts (property-style, fast-check seeds)', () => {
  it('keeps every class at least k, leaks no identifier, derives no suppressed cell, respects consent and keeps >= 90 % at k = 11', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0, 1), (seed, programIndex) => {
        const events = eventsOf(seed);
        const programId = programsOf(events)[programIndex]!;
        const source = sourceFromEvents(events, programId);
        const query: ExportQuery = { programId, from: null, to: null, instruments: [], k: DEFAULT_K };
        const ids = testSurrogates(`s${seed}`);
        const dataset = buildDataset(source, query, ids);
        const files = textFiles(dataset);
        const all = [...files, manifestFile(manifestOf(dataset, query, files))];
        const forbidden = [...generatedIdentifiers(cohort(seed)), ...source.participants.map((p) => p.participantId)];

        expect(verifyExport(all, { k: DEFAULT_K, forbidden })).toEqual([]);
        const participants = parseCsv(files.find((f) => f.name === 'participants.csv')!.bytes);
        const classes = new Map<string, number>();
        for (const row of participants.rows) classes.set(row.slice(1, 4).join('|'), (classes.get(row.slice(1, 4).join('|')) ?? 0) + 1);
        expect(Math.min(...classes.values())).toBeGreaterThanOrEqual(DEFAULT_K);
        for (const name of ['aggregate_milestones.csv', 'aggregate_status.csv']) {
          const g = grid(files.find((f) => f.name === name)!.bytes);
          expect(derivableCells(g)).toEqual([]);
          expect(g.flat().filter((v) => v !== null && v > 0 && v < 11)).toEqual([]);
        }
        const consented = consentedIn(events);
        const owners = participants.rows.map((r) => ids.owner.get(r[0]!)!);
        expect(owners.filter((id) => !consented.has(id))).toEqual([]);
        const eligible = dataset.participants + dataset.rowsSuppressed;
        expect(eligible).toBeGreaterThan(100);
        expect(dataset.participants / eligible).toBeGreaterThanOrEqual(0.9);
        expect(dataset.notice).toBe(source.part2 ? PART2_NOTICE : null);
        // Reproducible: the same source, query and surrogates give the same bytes.
        const again = textFiles(buildDataset(source, query, ids));
        expect(again.map((f) => f.bytes.toString('base64'))).toEqual(files.map((f) => f.bytes.toString('base64')));
      }),
      { numRuns: 6, seed: 9 },
    );
  });

  it('honours any k a request raises it to, and the instrument and date filters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: DEFAULT_K, max: 40 }), fc.constantFrom('PHQ-9', 'GAD-7', 'CORE-10'), (seed, k, instrument) => {
        const events = eventsOf(seed % 3);
        const programId = programsOf(events)[seed % 2]!;
        const source = sourceFromEvents(events, programId);
        const query: ExportQuery = { programId, from: '2025-09-01', to: '2026-02-28', instruments: [instrument], k };
        const dataset = buildDataset(source, query, testSurrogates());
        const files = textFiles(dataset);
        expect(verifyExport(files, { k, forbidden: source.participants.map((p) => p.participantId) })).toEqual([]);
        const measures = parseCsv(files.find((f) => f.name === 'measures.csv')!.bytes).rows;
        expect(new Set(measures.map((r) => r[1]))).toEqual(new Set(measures.length ? [instrument] : []));
        // Only facts inside the window: as many measures as the source has of that instrument in it, for the people kept.
        const kept = new Set(dataset.subjects);
        const inWindow = source.measures.filter((m) => kept.has(m.participantId) && m.instrument === instrument && m.administeredOn >= '2025-09-01' && m.administeredOn <= '2026-02-28');
        expect(measures).toHaveLength(inWindow.length);
      }),
      { numRuns: 8, seed: 21 },
    );
  });
});
