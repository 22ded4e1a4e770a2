import { type DynamicModule, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { CheckpointStore, EventPublisher } from '#libs/pipeline';
import { Relay, type RelayOptions } from './relay.js';

export abstract class RelaySettings {
  abstract readonly maxBatchSize: number;
  abstract readonly maxWaitMs: number;
  /** Send a large enough batch as soon as the store has nothing more (RelayOptions.sendWhenIdle). */
  abstract readonly sendWhenIdle?: RelayOptions['sendWhenIdle'];
  /** Test-only crash point after a publish, before its checkpoint (RelayOptions.onAfterPublish). */
  abstract readonly onAfterPublish?: RelayOptions['onAfterPublish'];
}

/** Starts the relay with the application and stops it on shutdown (its batch in flight is sent again next start). */
@Injectable()
export class RelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Relay');
  readonly relay: Relay;
  private lastError: { at: Date; message: string } | null = null;
  private errorPosition = 0n;

  constructor(store: EventStore, publisher: EventPublisher, checkpoints: CheckpointStore, settings: RelaySettings) {
    this.relay = new Relay({
      store,
      publisher,
      checkpoints,
      maxBatchSize: settings.maxBatchSize,
      maxWaitMs: settings.maxWaitMs,
      ...(settings.sendWhenIdle ? { sendWhenIdle: settings.sendWhenIdle } : {}),
      ...(settings.onAfterPublish ? { onAfterPublish: settings.onAfterPublish } : {}),
      onError: (error, attempt) => {
        this.lastError = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
        this.errorPosition = this.relay.position();
        this.logger.warn(`Relay failed (attempt ${attempt}), retrying: ${this.lastError.message}`);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** For /health: unhealthy after a failure until the relay has moved past the position it failed at. */
  status(): { healthy: boolean; position: string; lastError: string | null } {
    const recovered = this.lastError !== null && this.relay.position() > this.errorPosition;
    if (recovered) this.lastError = null;
    return { healthy: this.lastError === null, position: this.relay.position().toString(), lastError: this.lastError?.message ?? null };
  }
}

export interface RelayModuleOptions {
  /** Providers of EventStore, EventPublisher and CheckpointStore chosen by the host's configuration. */
  readonly providers: readonly Provider[];
  readonly settings: RelaySettings;
}

/** The relay as a Nest module: mounted by apps/relay, or by the api in embedded mode. */
@Module({})
export class RelayModule {
  static forRoot(options: RelayModuleOptions): DynamicModule {
    return {
      module: RelayModule,
      providers: [...options.providers, { provide: RelaySettings, useValue: options.settings }, RelayRunner],
      exports: [RelayRunner],
    };
  }
}
