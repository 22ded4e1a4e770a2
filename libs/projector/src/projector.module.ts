import { type DynamicModule, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { AnalyticsStore } from '#libs/analytics-store';
import { DeadLetterSink, EventConsumer } from '#libs/pipeline';
import { migrate } from './migrate.js';
import { Projector } from './projector.js';

export abstract class ProjectorSettings {
  /** Apply pending migrations at start (embedded mode; production runs the migrate command). */
  abstract readonly migrateOnStart: boolean;
  abstract readonly maxRowsPerInsert: number;
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
  private readonly waiters = new Set<() => void>();
  readonly projector: Projector;

  constructor(
    private readonly store: AnalyticsStore,
    private readonly consumer: EventConsumer,
    deadLetters: DeadLetterSink,
    private readonly settings: ProjectorSettings,
  ) {
    this.projector = new Projector(store, { deadLetters, maxRowsPerInsert: settings.maxRowsPerInsert });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.migrateOnStart) {
      const applied = await migrate(this.store);
      if (applied.length > 0) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
    }
    await this.projector.restorePosition();
    this.running = this.consumer
      .run(async (events) => {
        await this.projector.handleBatch(events);
        this.waiters.forEach((check) => check());
      }, this.stop.signal)
      .catch((error) => this.logger.error(`The projector stopped: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  position(): bigint {
    return this.projector.position();
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => this.position() >= position && finish(true);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
    });
  }
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
