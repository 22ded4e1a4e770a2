import { resolve } from 'node:path';
import { z } from 'zod';
import { type CrashPoint, parseCrashPoint } from '#libs/system';

/**
 * The projector's one validated configuration (ARCHITECTURE.md principle 9). Production: Kafka
 * and a ClickHouse server (CLICKHOUSE_URL). Without CLICKHOUSE_URL it projects into chDB at
 * ANALYTICS_PATH (tests run the projector as its own process that way).
 */
const schema = z
  .object({
    KAFKA_BROKERS: z.string({ error: 'required: comma-separated host:port list' }).min(1, 'comma-separated host:port list'),
    KAFKA_CLIENT_ID: z.string().default('group-outcomes-projector'),
    KAFKA_TOPIC: z.string().default('group-outcomes.events'),
    KAFKA_DEAD_LETTER_TOPIC: z.string().default('group-outcomes.events.dead-letters'),
    KAFKA_GROUP_ID: z.string().default('group-outcomes-projector'),
    KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
    CLICKHOUSE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the ClickHouse HTTP interface' }).optional(),
    CLICKHOUSE_USER: z.string().default('default'),
    CLICKHOUSE_PASSWORD: z.string().default(''),
    ANALYTICS_PATH: z.string().optional(),
    ANALYTICS_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain identifier').default('analytics'),
    /** A cluster's table engine, e.g. ReplicatedReplacingMergeTree(...); default ReplacingMergeTree. */
    CLICKHOUSE_ENGINE: z.string().optional(),
    /** The ClickHouse cluster's name when the tables are Distributed over *_local (deploy/kubernetes): erasure deletes there. */
    CLICKHOUSE_CLUSTER: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain identifier').optional(),
    MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
    MAX_ROWS_PER_INSERT: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
    MAX_BATCH: z.coerce.number().int().min(1).max(100_000).default(5000),
    /** Derived tables refreshed at most this often for the batches of the interval (0: in each batch's write). */
    DERIVED_REFRESH_MS: z.coerce.number().int().min(0).max(60_000).default(500),
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    HEALTH_HOST: z.string().default('0.0.0.0'),
    /** Test only (test/e2e/faults): SIGKILL this process after the n-th batch's inserts, before its offset commit. */
    FAULT_CRASH_AT: z.string().regex(/^after-insert:[1-9]\d*$/, 'after-insert:<n> (n ≥ 1)').optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.CLICKHOUSE_URL && !env.ANALYTICS_PATH) ctx.addIssue({ code: 'custom', path: ['CLICKHOUSE_URL'], message: 'set CLICKHOUSE_URL (a server) or ANALYTICS_PATH (chDB)' });
    if (env.KAFKA_BROKERS && !env.KAFKA_BROKERS.split(',').every((b) => /^[^:\s]+:\d+$/.test(b.trim()))) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'must be host:port[,host:port…]' });
    }
  });

export type ProjectorConfig = ReturnType<typeof loadProjectorConfig>;

export class ProjectorConfigError extends Error {}

/** The migrate command needs only the ClickHouse settings: Kafka may be absent. */
export function loadMigrateConfig(env: Record<string, string | undefined> = process.env) {
  return loadProjectorConfig({ KAFKA_BROKERS: 'unused:9092', ...env });
}

export function loadProjectorConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ProjectorConfigError(`Invalid projector configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  return {
    analytics: e.CLICKHOUSE_URL
      ? ({ kind: 'server', url: e.CLICKHOUSE_URL, username: e.CLICKHOUSE_USER, password: e.CLICKHOUSE_PASSWORD, database: e.ANALYTICS_DATABASE } as const)
      : ({ kind: 'embedded', path: resolve(e.ANALYTICS_PATH!), database: e.ANALYTICS_DATABASE } as const),
    engine: e.CLICKHOUSE_ENGINE,
    cluster: e.CLICKHOUSE_CLUSTER ?? null,
    kafka: {
      brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
      clientId: e.KAFKA_CLIENT_ID,
      topic: e.KAFKA_TOPIC,
      deadLetterTopic: e.KAFKA_DEAD_LETTER_TOPIC,
      groupId: e.KAFKA_GROUP_ID,
      sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
      maxBatchSize: e.MAX_BATCH,
    },
    migrateOnStart: e.MIGRATE_ON_START === 'true',
    maxRowsPerInsert: e.MAX_ROWS_PER_INSERT,
    derivedRefreshMs: e.DERIVED_REFRESH_MS,
    health: { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
    crashAt: e.FAULT_CRASH_AT ? parseCrashPoint(e.FAULT_CRASH_AT) : (null as CrashPoint | null),
  };
}
