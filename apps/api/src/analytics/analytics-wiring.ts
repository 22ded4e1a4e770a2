import { type DynamicModule, Injectable, Logger, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { join } from 'node:path';
import { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore, openClickHouseServerStore } from '#libs/clickhouse';
import { EventStore } from '#libs/event-store';
import { FileCheckpointStore, InMemoryDeadLetterSink, InProcessPipeline } from '#libs/in-process-pipeline';
import { CheckpointStore, DeadLetterSink, EventConsumer, EventPublisher } from '#libs/pipeline';
import { PausableConsumer, ProjectorModule, ProjectorRunner, readProjectionPositions } from '#libs/projector';
import { RelayModule, RelayRunner } from '#libs/relay';
import type { AppConfig } from '../config/app-config.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ReadPositions } from '../directory/read-positions.js';
import { AnalyticsFreshness } from './analytics-freshness.js';

/** Embedded mode: the projector runs in this process; its position is the analytics' position. */
class InProcessFreshness extends AnalyticsFreshness {
  constructor(private readonly runner: ProjectorRunner) {
    super();
  }
  position(): bigint {
    return this.runner.position();
  }
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }
}

/** Production: the projector runs elsewhere; read the positions it records, at most every 500 ms. */
@Injectable()
class RecordedFreshness extends AnalyticsFreshness implements OnApplicationShutdown {
  private reached = 0n;
  private readonly timer: NodeJS.Timeout;
  private readonly logger = new Logger('AnalyticsFreshness');

  constructor(private readonly store: AnalyticsStore) {
    super();
    this.timer = setInterval(() => void this.refresh(), 500);
  }
  position(): bigint {
    return this.reached;
  }
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.reached < position && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return this.reached >= position;
  }
  private async refresh(): Promise<void> {
    try {
      const positions = await readProjectionPositions(this.store);
      if (positions.length > 0) this.reached = positions.reduce((min, p) => (p.position < min ? p.position : min), positions[0]!.position);
    } catch (error) {
      this.logger.warn(`Cannot read projection positions: ${String(error)}`);
    }
  }
  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/** The live pipeline's batch (relay and hand-off) and insert sizes in embedded mode (see where they are used). */
const LIVE_BATCH_EVENTS = 20_000;
const LIVE_ROWS_PER_INSERT = 10_000;
/**
 * The derived tables (measures_current, episode_scores, participant_scores) are refreshed at most
 * this often for the participants of every batch meanwhile, not after each batch: each refresh
 * statement costs about the same whatever its participants (docs/benchmarks.md, projection
 * pipeline, fifth pass). Freshness and `?minPosition=` count the refresh.
 */
const LIVE_DERIVED_REFRESH_MS = 500;
/**
 * …and take at most a quarter of the time: under 2,000 writes/s each refresh recomputed nearly every
 * participant of the bench's organization (~300 ms of one core, twice a second: half a core of the
 * two); spaced by 4 × their duration (≤ 2 s apart) they leave that core to the writes
 * (docs/benchmarks.md, durable HTTP writes, seventh pass).
 */
const LIVE_DERIVED_REFRESH_MAX_SHARE = 0.25;

function analyticsStoreProvider(config: AppConfig): Provider {
  const analytics = config.analytics;
  return {
    provide: AnalyticsStore,
    useFactory: () =>
      analytics.kind === 'embedded'
        ? openChdbAnalyticsStore({ path: analytics.path, database: analytics.database })
        : openClickHouseServerStore({ url: analytics.url, username: analytics.username, password: analytics.password, database: analytics.database, createDatabase: false }),
  };
}

/** Production api: analytics read from the ClickHouse server. */
@Module({})
class ServerAnalyticsModule {}

/**
 * The analytics side of the api, by configuration only (ARCHITECTURE.md "Deployables"):
 * embedded — relay and projector mounted here over the same event store instance, an
 * in-process hand-off and chDB; production — only the ClickHouse server store for queries.
 */
export function analyticsImports(config: AppConfig, eventStore: EventStore): DynamicModule[] {
  const analytics = config.analytics;
  if (analytics.kind === 'server') {
    const server: DynamicModule = { module: ServerAnalyticsModule, providers: [analyticsStoreProvider(config)], exports: [AnalyticsStore], global: false };
    const openDatabase = (database: string) => openClickHouseServerStore({ url: analytics.url, username: analytics.username, password: analytics.password, database });
    return [server, ProjectionsModule.forRoot({ analytics: server, eventStore, openDatabase })];
  }
  // Batches up to 20,000 events: each batch costs an insert per table and three derived-table
  // refresh statements on chDB's one writer whatever its size, so a catch-up runs at ~1.5× the rate
  // of 5,000-event batches (docs/benchmarks.md, projection pipeline, fourth pass). The event loop
  // stays free meanwhile: the Projector yields every 500 events it projects, and the store encodes
  // an insert 500 rows at a time (libs/clickhouse).
  const pipeline = new InProcessPipeline({ maxBatchSize: LIVE_BATCH_EVENTS });
  // Held still by a projection rebuild while it swaps the tables.
  const consumer = new PausableConsumer(pipeline);
  const logger = new Logger('DeadLetters');
  const projector = ProjectorModule.forRoot({
    providers: [
      analyticsStoreProvider(config),
      { provide: EventConsumer, useValue: consumer },
      { provide: DeadLetterSink, useValue: new InMemoryDeadLetterSink({ log: (line: string) => logger.warn(line) }) },
    ],
    // Bounded inserts: chDB copies an insert's statement on the api's thread (~1 ms per 1,000
    // rows), so 10,000 rows hold the event loop ~10 ms, as a 2,000-row insert did when the client
    // encoded its rows at once (docs/benchmarks.md, projection pipeline, fourth pass).
    // The log's head tells a catch-up (a start behind the log, a seed) from the live tail: a catch-up's
    // derived-table refresh waits for its end (docs/benchmarks.md, projection pipeline, eighth pass).
    settings: { migrateOnStart: true, maxRowsPerInsert: LIVE_ROWS_PER_INSERT, derivedRefreshIntervalMs: LIVE_DERIVED_REFRESH_MS, derivedRefreshMaxShare: LIVE_DERIVED_REFRESH_MAX_SHARE, logHead: () => eventStore.headPosition() },
  });
  // The rebuild's store shares the data directory: one chDB path per process, another database.
  const openDatabase = (database: string) => openChdbAnalyticsStore({ path: analytics.path, database, readers: 1 });
  return [
    projector,
    // A rebuild replays the whole log on the api's event loop: it takes at most a quarter of the wall
    // time, so the api's writes keep most of their latency meanwhile (p99 while rebuilding 2.0–2.6× the
    // idle one unthrottled, 1.5–1.8× at 0.5, 1.25–1.5× at 0.25: docs/benchmarks.md, projection pipeline).
    ProjectionsModule.forRoot({ analytics: projector, eventStore, openDatabase, liveConsumer: consumer, batchSize: 5000, maxRowsPerInsert: 2000, shareOfTime: 0.25 }),
    RelayModule.forRoot({
      providers: [
        { provide: EventStore, useValue: eventStore },
        { provide: EventPublisher, useValue: pipeline },
        { provide: CheckpointStore, useValue: new FileCheckpointStore({ directory: join(config.dataDir, 'checkpoints') }) },
      ],
      // Larger, rarer batches: each projector batch is a fixed number of chDB statements. A batch of
      // 1000+ goes as soon as the store has nothing more (the end of a catch-up) instead of idling
      // 250 ms (docs/benchmarks.md, projection pipeline).
      settings: { maxBatchSize: LIVE_BATCH_EVENTS, maxWaitMs: 250, sendWhenIdle: { minSize: 1000, afterMs: 10 } },
    }),
  ];
}

export function analyticsFreshnessProvider(config: AppConfig): Provider {
  return config.analytics.kind === 'embedded'
    ? {
        provide: AnalyticsFreshness,
        inject: [ProjectorRunner, RelayRunner, ReadPositions],
        useFactory: (runner: ProjectorRunner, relay: RelayRunner, positions: ReadPositions) => {
          // The relay is a stage of its own on /health; `?minPosition=` waits on the projector behind it.
          positions.register({ name: 'relay', position: () => relay.relay.position(), waitFor: async () => true });
          return register(new InProcessFreshness(runner), positions);
        },
      }
    : { provide: AnalyticsFreshness, inject: [AnalyticsStore, ReadPositions], useFactory: (store: AnalyticsStore, positions: ReadPositions) => register(new RecordedFreshness(store), positions) };
}

function register(freshness: AnalyticsFreshness, positions: ReadPositions): AnalyticsFreshness {
  positions.register(freshness);
  return freshness;
}
