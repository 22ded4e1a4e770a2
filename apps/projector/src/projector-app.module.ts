import { Controller, type DynamicModule, Get, Module, type Provider, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore, openClickHouseServerStore } from '#libs/clickhouse';
import { KafkaDeadLetterSink, KafkaEventConsumer } from '#libs/kafka';
import { DeadLetterSink, EventConsumer } from '#libs/pipeline';
import { ProjectorModule, ProjectorRunner } from '#libs/projector';
import type { ProjectorConfig } from './config/projector-config.js';
import { crashAt } from '#libs/system';

@Controller()
class ProjectorHealthController {
  constructor(
    private readonly runner: ProjectorRunner,
    private readonly store: AnalyticsStore,
  ) {}

  /** 200 when ClickHouse answers and the last batch went in; else 503 with why. */
  @Get('health')
  async health(@Res({ passthrough: true }) response: Response) {
    let analyticsError: string | null = null;
    try {
      await this.store.query('SELECT 1 AS ok', {});
    } catch (error) {
      analyticsError = error instanceof Error ? error.message : String(error);
    }
    const projector = this.runner.status();
    const healthy = projector.healthy && analyticsError === null;
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'unhealthy', analytics: { error: analyticsError }, projector, deadLetters: this.runner.projector.deadLettered() };
  }
}

@Module({})
export class ProjectorAppModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    const { brokers, clientId, topic, deadLetterTopic, groupId, sessionTimeoutMs, maxBatchSize } = config.kafka;
    const deadLetters = new KafkaDeadLetterSink({ brokers, clientId: `${clientId}-dlq`, topic: deadLetterTopic });
    const consumer = new KafkaEventConsumer({ brokers, clientId, topic, groupId, deadLetters, sessionTimeoutMs, maxBatchSize });
    const analytics = config.analytics;
    const storeProvider: Provider = {
      provide: AnalyticsStore,
      useFactory: () =>
        analytics.kind === 'embedded'
          ? openChdbAnalyticsStore({ path: analytics.path, database: analytics.database })
          : openClickHouseServerStore({ url: analytics.url, username: analytics.username, password: analytics.password, database: analytics.database, createDatabase: false }),
    };
    return {
      module: ProjectorAppModule,
      imports: [
        ProjectorModule.forRoot({
          providers: [storeProvider, { provide: EventConsumer, useValue: consumer }, { provide: DeadLetterSink, useValue: deadLetters }],
          settings: {
            migrateOnStart: config.migrateOnStart,
            maxRowsPerInsert: config.maxRowsPerInsert,
            ...(config.derivedRefreshMs > 0 ? { derivedRefreshIntervalMs: config.derivedRefreshMs } : {}),
            ...(config.engine ? { engine: config.engine } : {}),
            ...(config.cluster ? { cluster: config.cluster } : {}),
            ...(config.crashAt ? { onAfterInsert: crashAt(config.crashAt) } : {}),
          },
        }),
      ],
      controllers: [ProjectorHealthController],
      providers: [{ provide: 'PROJECTOR_RESOURCES', inject: [AnalyticsStore], useFactory: (store: AnalyticsStore) => ({ onApplicationShutdown: async () => (await deadLetters.close(), await store.close()) }) }],
    };
  }
}
