import type { Provider } from '@nestjs/common';
import { join } from 'node:path';
import { AlertsReactorRunner } from '#libs/alerts-reactor';
import { FileCheckpointStore } from '#libs/in-process-pipeline';
import { CheckpointStore } from '#libs/pipeline';
import type { AppConfig } from '../config/app-config.js';

/**
 * Embedded mode runs the alerts reactor in this process (in production the relay process runs
 * it). Its checkpoint lives beside the relay's under DATA_DIR/checkpoints.
 */
export function alertsReactorProviders(config: AppConfig): Provider[] {
  if (config.analytics.kind !== 'embedded') return [];
  return [{ provide: CheckpointStore, useValue: new FileCheckpointStore({ directory: join(config.dataDir, 'checkpoints') }) }, AlertsReactorRunner];
}
