import { resolve } from 'node:path';
import { z } from 'zod';
import { type CrashPoint, parseCrashPoint } from '#libs/system';

/**
 * The relay's one validated configuration (ARCHITECTURE.md principle 9). Production: KurrentDB
 * and Kafka. The SQLite store is accepted too (tests run the relay as its own process over the
 * api's SQLite file). docs/configuration.md lists every setting.
 */
const schema = z
  .object({
    EVENT_STORE: z.enum(['kurrentdb', 'sqlite']).default('kurrentdb'),
    KURRENTDB_URL: z.string().optional(),
    DATA_DIR: z.string().default('./data'),
    CHECKPOINT_DIR: z.string().optional(),
    KAFKA_BROKERS: z.string({ error: 'required: comma-separated host:port list' }).min(1, 'comma-separated host:port list'),
    KAFKA_CLIENT_ID: z.string().default('group-outcomes-relay'),
    KAFKA_TOPIC: z.string().default('group-outcomes.events'),
    KAFKA_DEAD_LETTER_TOPIC: z.string().default('group-outcomes.events.dead-letters'),
    KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).default(1),
    RELAY_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
    RELAY_MAX_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(20),
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    HEALTH_HOST: z.string().default('0.0.0.0'),
    /**
     * Run the alerts reactor in this process (default). Off when something else already runs it
     * over the same store, e.g. an embedded api beside this relay on one SQLite file (the fault
     * tests): two processes appending to one SQLite file is what the embedded store avoids.
     */
    ALERTS_REACTOR: z.enum(['true', 'false']).default('true'),
    /** Test only (test/e2e/faults): SIGKILL this process after the n-th publish, before its checkpoint. */
    FAULT_CRASH_AT: z.string().regex(/^after-publish:[1-9]\d*$/, 'after-publish:<n> (n ≥ 1)').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.EVENT_STORE === 'kurrentdb' && !env.KURRENTDB_URL) ctx.addIssue({ code: 'custom', path: ['KURRENTDB_URL'], message: 'required when EVENT_STORE=kurrentdb' });
    if (env.KAFKA_BROKERS && !env.KAFKA_BROKERS.split(',').every((b) => /^[^:\s]+:\d+$/.test(b.trim()))) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'must be host:port[,host:port…]' });
    }
  });

export type RelayConfig = ReturnType<typeof loadRelayConfig>;

export class RelayConfigError extends Error {}

export function loadRelayConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new RelayConfigError(`Invalid relay configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    eventStore: e.EVENT_STORE === 'kurrentdb' ? ({ kind: 'kurrentdb', url: e.KURRENTDB_URL! } as const) : ({ kind: 'sqlite', path: resolve(dataDir, 'events.db') } as const),
    checkpointDir: resolve(e.CHECKPOINT_DIR ?? resolve(dataDir, 'checkpoints')),
    kafka: {
      brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
      clientId: e.KAFKA_CLIENT_ID,
      topic: e.KAFKA_TOPIC,
      deadLetterTopic: e.KAFKA_DEAD_LETTER_TOPIC,
      partitions: e.KAFKA_PARTITIONS,
      replicationFactor: e.KAFKA_REPLICATION_FACTOR,
    },
    relay: { maxBatchSize: e.RELAY_MAX_BATCH, maxWaitMs: e.RELAY_MAX_WAIT_MS },
    health: { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
    alertsReactor: e.ALERTS_REACTOR === 'true',
    crashAt: e.FAULT_CRASH_AT ? parseCrashPoint(e.FAULT_CRASH_AT) : (null as CrashPoint | null),
  };
}
