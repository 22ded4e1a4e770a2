import { type DynamicModule, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { AnalyticsStore } from '#libs/analytics-store';
import type { RecordedEvent } from '#libs/events';
import { DeadLetterSink, EventConsumer } from '#libs/pipeline';
import { PositionWaiters } from '#libs/system';
import { migrate } from './migrate.js';
import { Projector } from './projector.js';

export abstract class ProjectorSettings {
  /** Apply pending migrations at start (embedded mode; production runs the migrate command). */
  abstract readonly migrateOnStart: boolean;
  abstract readonly maxRowsPerInsert: number;
  /** The table engine of a cluster deployment (migrations' {{engine}}); default ReplacingMergeTree. */
  abstract readonly engine?: string;
  /** The ClickHouse cluster's name when the tables are Distributed (erasure then deletes from `<table>_local ON CLUSTER`). */
  abstract readonly cluster?: string;
  /**
   * Refresh the derived tables at most once per this many milliseconds for the participants of
   * every batch meanwhile, instead of in each batch's write (Projector `derivedRefresh`). Default: per batch.
   */
  abstract readonly derivedRefreshIntervalMs?: number;
  /** DerivedRefreshOptions.maxShare of that refresh. Default 1. */
  abstract readonly derivedRefreshMaxShare?: number;
  /** ProjectorOptions.logHead: the event store's head, when this process has it (embedded mode). */
  abstract readonly logHead?: () => Promise<bigint>;
  /**
   * Test-only crash point (fault tests, test/e2e/faults): called after a batch's inserts were
   * acknowledged and before the consumer commits its offsets, so a process that dies here gets
   * that batch again.
   */
  abstract readonly onAfterInsert?: (events: readonly RecordedEvent[]) => void;
}

/**
 * Runs the Projector as a long-lived consumer: migrate (if asked), restore the position, then
 * hand every batch the consumer delivers to `Projector.handleBatch`. Also a read model for
 * `?minPosition=` and /health: position() and waitFor().
 */
@Injectable()
export class ProjectorRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly name = 'analytics';
  private readonly logger = new Logger('Projector');
  private readonly stop = new AbortController();
  private running: Promise<void> | null = null;
  private readonly waiters = new PositionWaiters(() => this.position());
  readonly projector: Projector;

  constructor(
    private readonly store: AnalyticsStore,
    private readonly consumer: EventConsumer,
    deadLetters: DeadLetterSink,
    private readonly settings: ProjectorSettings,
  ) {
    this.projector = new Projector(store, {
      deadLetters,
      maxRowsPerInsert: settings.maxRowsPerInsert,
      ...(settings.cluster ? { cluster: settings.cluster } : {}),
      ...(settings.logHead ? { logHead: settings.logHead } : {}),
      ...(settings.derivedRefreshIntervalMs !== undefined ? { derivedRefresh: { intervalMs: settings.derivedRefreshIntervalMs, ...(settings.derivedRefreshMaxShare !== undefined ? { maxShare: settings.derivedRefreshMaxShare } : {}) } } : {}),
    });
    // A deferred refresh moves position() without a batch: wake `?minPosition=` waiters then too.
    this.projector.onRefreshed(() => this.waiters.notify());
  }

  private lastError: { at: Date; message: string } | null = null;
  private lastSuccessAt: Date | null = null;

  /**
   * The first attempt is awaited (embedded mode answers queries only once the tables exist); when
   * a server is down the app still starts, reports unhealthy, and keeps retrying with backoff.
   */
  async onApplicationBootstrap(): Promise<void> {
    const started = await this.prepare().then(
      () => true,
      (error) => (this.fail(error), false),
    );
    this.running = this.runUntilStopped(started);
  }

  private async prepare(): Promise<void> {
    if (this.settings.migrateOnStart) {
      const applied = await migrate(this.store, this.settings.engine ? { engine: this.settings.engine } : {});
      if (applied.length > 0) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
    }
    await this.projector.restorePosition();
  }

  private async runUntilStopped(prepared: boolean): Promise<void> {
    for (let attempt = 1; !this.stop.signal.aborted; attempt++) {
      try {
        if (!prepared) await this.prepare();
        prepared = true;
        await this.consumer.run(async (events, context) => {
          try {
            await this.projector.handleBatch(events, context);
          } catch (error) {
            this.fail(error);
            throw error; // the consumer redelivers the batch
          }
          this.settings.onAfterInsert?.(events);
          this.lastSuccessAt = new Date();
          this.lastError = null;
          this.waiters.notify();
        }, this.stop.signal);
        return;
      } catch (error) {
        this.fail(error);
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)), this.stop.signal);
      }
    }
  }

  private fail(error: unknown): void {
    this.lastError = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
    this.logger.warn(`Projector: ${this.lastError.message} (retrying)`);
  }

  /** For /health: unhealthy while the last attempt (or the last deferred refresh of the derived tables) failed. */
  status(): { healthy: boolean; position: string; lastError: string | null; lastSuccessAt: string | null } {
    const lastError = this.lastError?.message ?? this.projector.refreshFailure();
    return { healthy: lastError === null, position: this.position().toString(), lastError, lastSuccessAt: this.lastSuccessAt?.toISOString() ?? null };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
    // What a deferred refresh left waiting; if this fails, the next start's restorePosition does it.
    await this.projector.flushDerived().catch((error: unknown) => this.fail(error));
  }

  position(): bigint {
    return this.projector.position();
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export interface ProjectorModuleOptions {
  /** Providers of AnalyticsStore, EventConsumer and DeadLetterSink chosen by the host's configuration. */
  readonly providers: readonly Provider[];
  readonly settings: ProjectorSettings;
}

/** The projector as a Nest module: mounted by apps/projector, or by the api in embedded mode. */
@Module({})
export class ProjectorModule {
  static forRoot(options: ProjectorModuleOptions): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [...options.providers, { provide: ProjectorSettings, useValue: options.settings }, ProjectorRunner],
      exports: [AnalyticsStore, ProjectorRunner],
    };
  }
}
