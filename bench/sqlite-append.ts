import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent, RecordedEvent } from '#libs/events';
import { SqliteEventStore } from '#libs/sqlite-event-store';

export interface AppendRate {
  readonly mode: string;
  readonly appends: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Copies of recorded events with fresh ids: the same types, data and metadata, so the same sizes. */
function copies(samples: readonly RecordedEvent[]): () => NewEvent {
  let i = 0;
  return () => {
    const s = samples[i++ % samples.length]!;
    return { eventId: randomUUID(), type: s.type, schemaVersion: s.schemaVersion, data: s.data, metadata: s.metadata };
  };
}

/**
 * The raw append rate of SqliteEventStore on this machine, on a fresh file: `concurrency`
 * loops each awaiting one append at a time (1 = sequential, one fsync per append; more =
 * appends of one event-loop turn group-committed), each append one event to one of 1,000
 * streams with expected revision 'any', for `durationMs`.
 */
export async function measureAppendRate(samples: readonly RecordedEvent[], concurrency: number, durationMs: number): Promise<AppendRate> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-append-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db') });
  const next = copies(samples);
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  let counter = 0;
  const loop = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      await store.append(`bench-${counter++ % 1000}`, [next()], 'any');
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = performance.now() - started;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  return { mode: concurrency === 1 ? 'sequential (awaited, 1 in flight)' : `concurrent (${concurrency} in flight, group commit)`, appends: latencies.length, perSecond: latencies.length / (elapsed / 1000), p50Ms: at(50), p99Ms: at(99) };
}
