import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { SnapshotFiles } from './snapshot-files.js';

/**
 * Where the in-memory read models keep their snapshots and how often they save them (AppConfig
 * `snapshots`). Provided in embedded mode only; without it every follower replays from 0.
 * A class, so it doubles as the DI token.
 */
export class FollowerSnapshots {
  constructor(
    readonly files: SnapshotFiles,
    /** Save after this many events applied since the last snapshot. */
    readonly everyEvents: number,
  ) {}
}

/** FollowerSnapshots when the config turns snapshots on; StoreFollower injects it as optional. */
export function followerSnapshotProviders(config: AppConfig): Provider[] {
  return config.snapshots ? [{ provide: FollowerSnapshots, useValue: new FollowerSnapshots(new SnapshotFiles(config.snapshots.directory), config.snapshots.everyEvents) }] : [];
}
