/** Test-only (the relay int-specs): the embedded pipeline on a real SQLite file with file checkpoints. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchHandler } from '#libs/pipeline';
import { FileCheckpointStore, InProcessPipeline } from '#libs/in-process-pipeline';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { Relay, type RelayOptions } from './relay.js';

/** `handler` consumes the hand-off; `relay()` starts relays with these defaults, `dispose()` stops everything and removes the files. */
export function embeddedPipeline(handler: BatchHandler, settings: { readonly maxBatchesInFlight?: number; readonly relay: Partial<RelayOptions> }) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  const checkpoints = new FileCheckpointStore({ directory: join(dir, 'checkpoints') });
  const pipeline = new InProcessPipeline(settings.maxBatchesInFlight ? { maxBatchesInFlight: settings.maxBatchesInFlight } : {});
  const controller = new AbortController();
  const consuming = pipeline.run(handler, controller.signal);
  const relays: Relay[] = [];
  const relay = (options: Partial<RelayOptions> = {}) => {
    const r = new Relay({ store, publisher: pipeline, checkpoints, retryBackoff: { initialMs: 5, maxMs: 20 }, ...settings.relay, ...options });
    relays.push(r);
    return r;
  };
  const dispose = async () => {
    for (const r of relays) await r.stop();
    controller.abort();
    await consuming;
    await pipeline.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, checkpoints, pipeline, relay, dispose };
}
