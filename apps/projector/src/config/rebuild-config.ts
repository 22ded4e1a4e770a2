import { resolve } from 'node:path';
import { z } from 'zod';
import { loadMigrateConfig, ProjectorConfigError } from './projector-config.js';

/**
 * The rebuild command's configuration: the projector's ClickHouse settings (projector-config.ts)
 * plus the event store it replays, named as the relay names it (apps/relay's EVENT_STORE,
 * KURRENTDB_URL, DATA_DIR). Kafka is not needed: the rebuild reads the store itself.
 */
const eventStoreSchema = z
  .object({
    EVENT_STORE: z.enum(['kurrentdb', 'sqlite']).default('kurrentdb'),
    KURRENTDB_URL: z.string().optional(),
    DATA_DIR: z.string().default('./data'),
    /** Events per read and projected batch. */
    REBUILD_BATCH: z.coerce.number().int().min(1).max(100_000).default(5000),
  })
  .superRefine((env, ctx) => {
    if (env.EVENT_STORE === 'kurrentdb' && !env.KURRENTDB_URL) ctx.addIssue({ code: 'custom', path: ['KURRENTDB_URL'], message: 'required when EVENT_STORE=kurrentdb' });
  });

export type RebuildConfig = ReturnType<typeof loadRebuildConfig>;

export function loadRebuildConfig(env: Record<string, string | undefined> = process.env) {
  const projector = loadMigrateConfig(env);
  const parsed = eventStoreSchema.safeParse(env);
  if (!parsed.success) throw new ProjectorConfigError(`Invalid rebuild configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  return {
    analytics: projector.analytics,
    engine: projector.engine,
    maxRowsPerInsert: projector.maxRowsPerInsert,
    batchSize: e.REBUILD_BATCH,
    eventStore: e.EVENT_STORE === 'kurrentdb' ? ({ kind: 'kurrentdb', url: e.KURRENTDB_URL! } as const) : ({ kind: 'sqlite', path: resolve(e.DATA_DIR, 'events.db') } as const),
  };
}
