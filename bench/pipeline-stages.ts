/**
 * The projection pipeline assembled in this process for bench/pipeline.ts, with the settings the
 * deployables use: embedded (apps/api/src/analytics/analytics-wiring.ts) and Kafka (apps/relay +
 * apps/projector config defaults), plus a poller that sees what a query sees.
 */
import { join } from 'node:path';
import type { AnalyticsStore } from '#libs/analytics-store';
import type { EventStore } from '#libs/event-store';
import { FileCheckpointStore, InMemoryDeadLetterSink, InProcessPipeline } from '#libs/in-process-pipeline';
import { ensureTopics, KafkaEventConsumer, KafkaEventPublisher } from '#libs/kafka';
import type { EventConsumer, EventPublisher } from '#libs/pipeline';
import { Projector } from '#libs/projector';
import { Relay } from '#libs/relay';

export interface RunningPipeline {
  /** Milliseconds spent inside the projector's handleBatch so far. */
  projectorBusyMs(): number;
  /** Of that, milliseconds waiting on the store per kind of call, and how many calls. */
  storeMs(): { insert: number; inserts: number; query: number; queries: number; command: number };
  stop(): Promise<void>;
}

/** Embedded settings can be overridden to try other batch sizes (`--embedded-batch`, `--embedded-rows`). */
export type PipelineMode = { kind: 'embedded'; batch?: number; rows?: number; idleMs?: number; inFlight?: number; relayBatch?: number; refreshMs?: number } | { kind: 'kafka'; brokers: string[]; topic: string; relayBatch?: number; batch?: number; minBytes?: number; maxWaitMs?: number; refreshMs?: number };

/** Relay → transport → Projector, started; `stop()` stops all three. */
export async function startPipeline(mode: PipelineMode, store: EventStore, analytics: AnalyticsStore, workDir: string): Promise<RunningPipeline> {
  const deadLetters = new InMemoryDeadLetterSink({ log: (line) => console.warn(line) });
  let publisher: EventPublisher;
  let consumer: EventConsumer;
  let relaySettings: { maxBatchSize: number; maxWaitMs: number; sendWhenIdle?: { minSize: number; afterMs: number }; maxPublishesInFlight?: number };
  let maxRowsPerInsert: number;
  let derivedRefresh: { intervalMs: number; maxShare?: number } | undefined;
  let logHead: (() => Promise<bigint>) | undefined;
  if (mode.kind === 'embedded') {
    // analytics-wiring.ts: hand-off and relay batches up to 20,000 events / 250 ms (sent early when
    // ≥ 1000 and the store had nothing more for 10 ms), 10,000 rows per insert.
    const pipeline = new InProcessPipeline({ maxBatchSize: mode.batch ?? 20_000, ...(mode.inFlight ? { maxBatchesInFlight: mode.inFlight } : {}) });
    publisher = pipeline;
    consumer = pipeline;
    const idleMs = mode.idleMs ?? 10;
    relaySettings = { maxBatchSize: mode.relayBatch ?? mode.batch ?? 20_000, maxWaitMs: 250, ...(idleMs > 0 ? { sendWhenIdle: { minSize: 1000, afterMs: idleMs } } : {}), ...(mode.inFlight ? { maxPublishesInFlight: mode.inFlight } : {}) };
    maxRowsPerInsert = mode.rows ?? 10_000;
    // analytics-wiring.ts: the derived tables refreshed at most every 500 ms and a quarter of the time (`--embedded-refresh-ms`; 0 = in each batch's write).
    const refreshMs = mode.refreshMs ?? 500;
    derivedRefresh = refreshMs > 0 ? { intervalMs: refreshMs, maxShare: 0.25 } : undefined;
    // analytics-wiring.ts: the store's head tells a catch-up from the live tail.
    logHead = () => store.headPosition();
  } else {
    // apps/relay and apps/projector defaults: relay 500 / 20 ms, 6 partitions, consumer batches of 5000, 20 000 rows per insert.
    const connection = { brokers: mode.brokers, topic: mode.topic };
    await ensureTopics({ ...connection, clientId: 'bench-admin', deadLetterTopic: `${mode.topic}.dlq`, partitions: 6, replicationFactor: 1 });
    publisher = new KafkaEventPublisher({ ...connection, clientId: 'bench-relay' });
    consumer = new KafkaEventConsumer({ ...connection, clientId: 'bench-projector', groupId: `${mode.topic}-projector`, deadLetters, maxBatchSize: mode.batch ?? 5000, ...(mode.minBytes ? { minBytes: mode.minBytes } : {}), ...(mode.maxWaitMs ? { maxWaitMs: mode.maxWaitMs } : {}) });
    relaySettings = { maxBatchSize: mode.relayBatch ?? 500, maxWaitMs: 20 };
    maxRowsPerInsert = 20_000;
    // apps/projector's DERIVED_REFRESH_MS: the derived tables refreshed at most every 500 ms (`--kafka-refresh-ms`; 0 = in each batch's write).
    const refreshMs = mode.refreshMs ?? 500;
    derivedRefresh = refreshMs > 0 ? { intervalMs: refreshMs } : undefined;
  }
  const relay = new Relay({ store, publisher, checkpoints: new FileCheckpointStore({ directory: join(workDir, 'checkpoints') }), ...relaySettings, onError: (e) => console.warn('relay', e) });
  const timed = timedStore(analytics);
  const projector = new Projector(timed.store, { deadLetters, maxRowsPerInsert, ...(derivedRefresh ? { derivedRefresh } : {}), ...(logHead ? { logHead } : {}) });
  const stopConsumer = new AbortController();
  let busyMs = 0;
  const consuming = consumer.run(async (events, context) => {
    const started = performance.now();
    try {
      await projector.handleBatch(events, context);
    } finally {
      busyMs += performance.now() - started;
    }
  }, stopConsumer.signal);
  await relay.start();
  return {
    projectorBusyMs: () => busyMs,
    storeMs: () => ({ ...timed.ms }),
    async stop() {
      await relay.stop();
      stopConsumer.abort();
      await consuming;
      await projector.flushDerived();
      await publisher.close();
    },
  };
}

/**
 * Polls the lowest position every projection recorded, as a query would read it, every
 * `intervalMs`; `whenVisible(p)` resolves at the first poll that sees `p` or beyond.
 * The recorded position is written after the rows, so it is a lower bound of what is queryable.
 */
export function visibility(analytics: AnalyticsStore, intervalMs = 10) {
  let seen = 0n;
  const waiters: { position: bigint; resolve: (at: number) => void }[] = [];
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      const [row] = await analytics.query<{ p: string | null }>('SELECT min(p) AS p FROM (SELECT max(position) AS p FROM projection_positions GROUP BY projection_name)', {});
      const at = performance.now();
      const position = BigInt(row?.p ?? '0');
      if (position > seen) seen = position;
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]!.position <= seen) waiters.splice(i, 1)[0]!.resolve(at);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  const running = poll();
  return {
    whenVisible(position: bigint): Promise<number> {
      return new Promise((resolve) => waiters.push({ position, resolve }));
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** The store as the projector sees it, timing each call (to split the projector's time). */
function timedStore(inner: AnalyticsStore) {
  const ms = { insert: 0, inserts: 0, query: 0, queries: 0, command: 0 };
  const time = async <T>(kind: 'insert' | 'query' | 'command', work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      ms[kind] += performance.now() - started;
      if (kind === 'insert') ms.inserts++;
      if (kind === 'query') ms.queries++;
    }
  };
  const store = Object.assign(Object.create(inner) as AnalyticsStore, {
    insert: (table: string, rows: readonly object[]) => time('insert', () => inner.insert(table, rows)),
    query: <T>(sql: string, params: Record<string, unknown>) => time('query', () => inner.query<T>(sql, params)),
    command: (sql: string, params?: Record<string, unknown>) => time('command', () => inner.command(sql, params)),
  });
  return { store, ms };
}
