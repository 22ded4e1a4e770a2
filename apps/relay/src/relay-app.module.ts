import { Controller, type DynamicModule, Get, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AlertsReactorRunner } from '#libs/alerts-reactor';
import { EventStore } from '#libs/event-store';
import { FileCheckpointStore } from '#libs/in-process-pipeline';
import { ensureTopics, KafkaEventPublisher } from '#libs/kafka';
import { KurrentDbEventStore } from '#libs/kurrentdb-event-store';
import { CheckpointStore, EventPublisher } from '#libs/pipeline';
import { RelayModule, RelayRunner } from '#libs/relay';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import type { RelayConfig } from './config/relay-config.js';
import { crashAt } from '#libs/system';

/** Creates the topic and its dead-letter topic, retrying with backoff while the broker is down. */
@Injectable()
class KafkaTopics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KafkaTopics');
  private readonly stop = new AbortController();
  ready = false;
  constructor(private readonly config: RelayConfig) {}

  onApplicationBootstrap(): void {
    void (async () => {
      for (let attempt = 1; !this.ready && !this.stop.signal.aborted; attempt++) {
        try {
          await ensureTopics({ ...this.config.kafka });
          this.ready = true;
        } catch (error) {
          this.logger.warn(`Topics not ready (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`);
          await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6))));
        }
      }
    })();
  }
  onApplicationShutdown(): void {
    this.stop.abort();
  }
}

@Controller()
class RelayHealthController {
  constructor(
    private readonly runner: RelayRunner,
    private readonly topics: KafkaTopics,
    private readonly store: EventStore,
  ) {}

  /** 200 when the store answers, the topics exist and the relay is not failing; else 503 with why. */
  @Get('health')
  async health(@Res({ passthrough: true }) response: Response) {
    const relay = this.runner.status();
    let head: string | null = null;
    let storeError: string | null = null;
    try {
      head = (await this.store.headPosition()).toString();
    } catch (error) {
      storeError = error instanceof Error ? error.message : String(error);
    }
    const healthy = relay.healthy && this.topics.ready && storeError === null;
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'unhealthy', eventStore: { head, error: storeError }, kafkaTopics: this.topics.ready ? 'ready' : 'not ready', relay };
  }
}

@Module({})
export class RelayAppModule {
  static forRoot(config: RelayConfig): DynamicModule {
    const eventStore = config.eventStore.kind === 'kurrentdb' ? new KurrentDbEventStore(config.eventStore.url) : new SqliteEventStore({ path: config.eventStore.path });
    const { brokers, clientId, topic } = config.kafka;
    const publisher = new KafkaEventPublisher({ brokers, clientId, topic });
    const checkpoints = new FileCheckpointStore({ directory: config.checkpointDir });
    // Closed after the relay stopped (Nest runs shutdown hooks of dependents first).
    const resources = { onApplicationShutdown: async () => (await publisher.close(), await eventStore.close()) };
    return {
      module: RelayAppModule,
      imports: [
        RelayModule.forRoot({
          providers: [
            { provide: EventStore, useValue: eventStore },
            { provide: EventPublisher, useValue: publisher },
            { provide: CheckpointStore, useValue: checkpoints },
          ],
          settings: { ...config.relay, ...(config.crashAt ? { onAfterPublish: crashAt(config.crashAt) } : {}) },
        }),
      ],
      controllers: [RelayHealthController],
      providers: [{ provide: 'RELAY_CONFIG', useValue: config }, { provide: KafkaTopics, useFactory: () => new KafkaTopics(config) }, { provide: EventStore, useValue: eventStore }, { provide: 'RELAY_RESOURCES', useValue: resources },
        // The alerts reactor follows the same store; its checkpoint has its own name in the same folder.
        ...(config.alertsReactor ? [{ provide: CheckpointStore, useValue: checkpoints }, AlertsReactorRunner] : []),
      ],
    };
  }
}
