import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { CheckpointStore } from '#libs/pipeline';
import { AlertsReactor } from './alerts-reactor.js';
import { ReactorSnapshots } from './snapshot.js';

/**
 * The reactor as a Nest provider: starts with the application, stops with it. Mounted by the
 * api in embedded mode and by the relay process in production (both follow the event store).
 * Register with the host's EventStore and a CheckpointStore of its own, and optionally
 * ReactorSnapshots (start from a state snapshot instead of replaying the log).
 */
@Injectable()
export class AlertsReactorRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertsReactor');
  readonly reactor: AlertsReactor;

  constructor(store: EventStore, checkpoints: CheckpointStore, @Optional() snapshots?: ReactorSnapshots) {
    this.reactor = new AlertsReactor({ store, checkpoints, ...(snapshots ? { snapshots: snapshots.store, snapshotEvery: snapshots.everyEvents } : {}), onError: (error) => this.logger.warn(`Alerts reactor: ${error instanceof Error ? error.message : String(error)} (rebuilding)`) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reactor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor.stop();
  }
}
