import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { AnalyticsStore } from '#libs/analytics-store';
import type { EventStore } from '#libs/event-store';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { type PausableConsumer, ProjectorRunner } from '#libs/projector';
import { ProjectionRebuilder, type RebuildPlan } from './projection-rebuilder.js';
import { ProjectionsController } from './projections.controller.js';

export interface ProjectionsModuleOptions {
  /** The module exporting AnalyticsStore (and, in embedded mode, ProjectorRunner). */
  readonly analytics: DynamicModule;
  readonly eventStore: EventStore;
  /** A store of the same deployment whose unqualified names resolve in `database`. */
  readonly openDatabase: (database: string) => Promise<AnalyticsStore>;
  /** Embedded mode: the in-process projector's consumer, held still while the tables are swapped. */
  readonly liveConsumer?: PausableConsumer;
  /** Events per replayed batch (rebuildProjections' default otherwise). */
  readonly batchSize?: number;
  readonly maxRowsPerInsert?: number;
  /** Share of the wall time the replay may take (rebuildProjections' `shareOfTime`; default all of it). */
  readonly shareOfTime?: number;
}

/** `POST /api/v1/admin/projections/rebuild` (issue 5 "Rebuild"), in either deployment. */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const logger = new Logger('ProjectionRebuild');
    const plan = (live: AnalyticsStore, runner?: ProjectorRunner): RebuildPlan => ({
      live,
      log: options.eventStore,
      openDatabase: options.openDatabase,
      // Poison events were dead-lettered by the live projector already; here they are only logged.
      deadLetters: new InMemoryDeadLetterSink({ log: (line: string) => logger.warn(line) }),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.maxRowsPerInsert ? { maxRowsPerInsert: options.maxRowsPerInsert } : {}),
      ...(options.shareOfTime ? { shareOfTime: options.shareOfTime } : {}),
      ...(options.liveConsumer && runner
        ? {
            pauseLive: () => options.liveConsumer!.pause(),
            // The in-process projector then reports the rebuilt position (freshness, ?minPosition=).
            afterSwap: async () => void (await runner.projector.restorePosition()),
          }
        : {}),
    });
    return {
      module: ProjectionsModule,
      imports: [options.analytics],
      controllers: [ProjectionsController],
      providers: [
        options.liveConsumer
          ? { provide: ProjectionRebuilder, inject: [AnalyticsStore, ProjectorRunner], useFactory: (live: AnalyticsStore, runner: ProjectorRunner) => new ProjectionRebuilder(plan(live, runner)) }
          : { provide: ProjectionRebuilder, inject: [AnalyticsStore], useFactory: (live: AnalyticsStore) => new ProjectionRebuilder(plan(live)) },
      ],
    };
  }
}
