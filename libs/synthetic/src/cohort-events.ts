import type { EventStore } from '#libs/event-store';
import type { RecordedEvent } from '#libs/events';
import { cohortRequests } from './cohort.js';
import { addDays } from './dates.js';
import { RequestTranslator, type StreamAppend } from './request-events.js';
import type { CohortOptions } from './requests.js';

/**
 * The events of a generated organization, as the appends the api would make for its requests
 * (same types, data shapes and stream names). Pure and lazy: the same options give the same
 * events, ids included, and millions need not sit in memory at once.
 */
export function* cohortAppends(options: CohortOptions): Generator<StreamAppend> {
  const translator = new RequestTranslator(`${options.seed}/${options.org}`, addDays(options.today, -7 * options.weeks - 2));
  for (const request of cohortRequests(options)) yield* translator.translate(request);
}

export interface StoreWriteOptions {
  /** Appends every stream's events here (expected revision 'any'), a batch per transaction. */
  readonly eventStore?: EventStore;
  /**
   * Receives the same events as recorded, in global order, one batch at a time: e.g. a
   * Projector's `handleBatch`, to load the analytics store without the relay.
   */
  readonly project?: (events: readonly RecordedEvent[]) => Promise<void>;
  /** Events per batch (one SQLite transaction, one projector batch). Default 10 000. */
  readonly batchEvents?: number;
  /** Called after each batch with the running totals. */
  readonly onProgress?: (progress: WriteProgress) => void;
}

export interface WriteProgress {
  readonly events: number;
  readonly appends: number;
  /** Global position of the last event written (the store's, or a count from 1 without one). */
  readonly head: bigint;
}

/**
 * Writes a generated organization straight into the stores, for benchmarks: no HTTP, no
 * deciders, no encryption (identifiers are `fakeCipher` markers). Without an event store the
 * positions and revisions are counted from an empty log, as a fresh store would assign them.
 */
export async function writeCohortEvents(options: CohortOptions, sinks: StoreWriteOptions): Promise<WriteProgress> {
  const batchSize = Math.max(1, sinks.batchEvents ?? 10_000);
  const revisions = new Map<string, number>();
  let progress: WriteProgress = { events: 0, appends: 0, head: 0n };
  let pending: StreamAppend[] = [];
  let pendingEvents = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingEvents = 0;
    const recorded = sinks.eventStore ? await appendAll(sinks.eventStore, batch) : counted(batch, revisions, progress.head);
    if (sinks.project) await sinks.project(recorded);
    progress = { events: progress.events + recorded.length, appends: progress.appends + batch.length, head: recorded[recorded.length - 1]!.position };
    sinks.onProgress?.(progress);
  };

  for (const append of cohortAppends(options)) {
    pending.push(append);
    pendingEvents += append.events.length;
    if (pendingEvents >= batchSize) await flush();
  }
  await flush();
  return progress;
}

/**
 * Queues every append of the batch in the same turn of the event loop, so the store commits
 * them in one transaction (its group commit); one append's events get consecutive positions.
 */
async function appendAll(store: EventStore, batch: readonly StreamAppend[]): Promise<RecordedEvent[]> {
  const results = await Promise.all(batch.map((a) => store.append(a.stream, a.events, 'any')));
  return batch.flatMap((append, i) => {
    const { revision, position } = results[i]!;
    const n = append.events.length;
    return append.events.map((event, k) => ({ ...event, stream: append.stream, revision: revision - (n - 1) + k, position: position - BigInt(n - 1 - k) }));
  });
}

function counted(batch: readonly StreamAppend[], revisions: Map<string, number>, head: bigint): RecordedEvent[] {
  let position = head;
  return batch.flatMap((append) =>
    append.events.map((event) => {
      const revision = (revisions.get(append.stream) ?? -1) + 1;
      revisions.set(append.stream, revision);
      position += 1n;
      return { ...event, stream: append.stream, revision, position };
    }),
  );
}
