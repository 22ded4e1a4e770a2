import type { Provider } from '@nestjs/common';
import { join } from 'node:path';
import { AlertsReactorRunner, ReactorSnapshots } from '#libs/alerts-reactor';
import { FileCheckpointStore } from '#libs/in-process-pipeline';
import { CheckpointStore } from '#libs/pipeline';
import type { AppConfig } from '../config/app-config.js';
import { ReadPositions } from '../directory/read-positions.js';
import { SnapshotFiles } from '../directory/snapshot-files.js';

const ALERTS_REACTOR_STAGE = Symbol('alerts reactor stage');

/**
 * Embedded mode runs the alerts reactor in this process (in production the relay process runs
 * it). Its checkpoint lives beside the relay's under DATA_DIR/checkpoints; /health reports its
 * position as the stage `alerts-reactor` (the alerts it appends land after that position).
 * With state snapshots on, its state snapshot sits beside the read models' (DATA_DIR/snapshots).
 */
export function alertsReactorProviders(config: AppConfig): Provider[] {
  if (config.analytics.kind !== 'embedded') return [];
  return [
    { provide: CheckpointStore, useValue: new FileCheckpointStore({ directory: join(config.dataDir, 'checkpoints') }) },
    ...(config.snapshots ? [{ provide: ReactorSnapshots, useValue: new ReactorSnapshots(new SnapshotFiles(config.snapshots.directory), config.snapshots.everyEvents) }] : []),
    AlertsReactorRunner,
    {
      provide: ALERTS_REACTOR_STAGE,
      inject: [AlertsReactorRunner, ReadPositions],
      useFactory: (runner: AlertsReactorRunner, positions: ReadPositions) => positions.registerBackground({ name: 'alerts-reactor', position: () => runner.reactor.processedPosition }),
    },
  ];
}
