import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The api's one validated configuration (ARCHITECTURE.md principle 9): nothing else reads
 * process.env. Embedded defaults need nothing installed; APP_PROFILE=production requires the
 * server engines' settings and refuses dev auth. docs/configuration.md lists every setting.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z
  .object({
    APP_PROFILE: z.enum(['embedded', 'production', 'benchmark']).default('embedded'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('./data'),
    SEED_DEMO: bool.default(true),
    AUTH: z.enum(['dev', 'oidc']).optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_JWKS_URL: z.url().optional(),
    /** The dashboard's client id at the issuer (a public client: authorization code + PKCE, no secret). */
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_SCOPE: z.string().min(1).default('openid profile'),
    EVENT_STORE: z.enum(['sqlite', 'kurrentdb']).default('sqlite'),
    KURRENTDB_URL: z.string().optional(),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'like 1mb or 512kb').default('1mb'),
    /** Base64 of 32 bytes. Embedded mode keeps it in DATA_DIR/secrets/kek (0600) when absent. */
    KEY_ENCRYPTION_KEY: z.string().optional(),
    /** Requests per minute per token; 0 turns it off (the benchmark profile's default). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).optional(),
    /** Comma-separated origins allowed by CORS; empty (default) means closed. */
    CORS_ORIGINS: z.string().default(''),
    /** Embedded: chDB's data directory (default DATA_DIR/analytics). */
    ANALYTICS_PATH: z.string().optional(),
    ANALYTICS_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain identifier').default('analytics'),
    /** Production: the ClickHouse server the api reads analytics from (the projector app writes them). */
    CLICKHOUSE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the ClickHouse HTTP interface' }).optional(),
    CLICKHOUSE_USER: z.string().default('default'),
    CLICKHOUSE_PASSWORD: z.string().default(''),
    MIN_POSITION_WAIT_MS: z.coerce.number().int().min(0).max(60000).default(10000),
    /** Critical alerts are POSTed here as JSON (ids only) when set; the banner and log always get them. */
    ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** SQLite event store: the in-memory read models save state snapshots under DATA_DIR/snapshots and restart from them. */
    STATE_SNAPSHOTS: bool.default(true),
    /** Events applied between two snapshots of a read model (also saved at shutdown and after an erasure). */
    STATE_SNAPSHOT_EVERY: z.coerce.number().int().min(1000).default(250_000),
    /**
     * Once a full garbage collection leaves HEAP_GROWING_FROM_MB or more live, the heap may grow
     * only this much (percent) over it before the next one; 0 always leaves V8's own factor (up to
     * 4×). docs/configuration.md says why 20 and 256.
     */
    HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(20),
    HEAP_GROWING_FROM_MB: z.coerce.number().int().min(0).default(256),
  })
  .superRefine((env, ctx) => {
    const auth = env.AUTH ?? (env.APP_PROFILE === 'production' ? 'oidc' : 'dev');
    if (env.APP_PROFILE === 'production' && auth === 'dev') {
      ctx.addIssue({ code: 'custom', path: ['AUTH'], message: 'the production profile refuses dev auth' });
    }
    if (env.APP_PROFILE === 'production' && !env.KEY_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['KEY_ENCRYPTION_KEY'], message: 'production needs the key-encryption key from the environment or a KMS' });
    }
    if (auth === 'oidc' && (!env.OIDC_ISSUER || !env.OIDC_AUDIENCE)) {
      ctx.addIssue({ code: 'custom', path: [env.OIDC_ISSUER ? 'OIDC_AUDIENCE' : 'OIDC_ISSUER'], message: 'required with OIDC auth (the production default)' });
    }
    if (env.APP_PROFILE === 'production' && !env.CLICKHOUSE_URL) {
      ctx.addIssue({ code: 'custom', path: ['CLICKHOUSE_URL'], message: 'production reads analytics from a ClickHouse server' });
    }
    if (env.EVENT_STORE === 'kurrentdb' && !env.KURRENTDB_URL) {
      ctx.addIssue({ code: 'custom', path: ['KURRENTDB_URL'], message: 'required when EVENT_STORE=kurrentdb' });
    }
    if (env.APP_PROFILE === 'production' && env.EVENT_STORE !== 'kurrentdb') {
      ctx.addIssue({ code: 'custom', path: ['EVENT_STORE'], message: 'production runs on KurrentDB (EVENT_STORE=kurrentdb)' });
    }
    if (env.KEY_ENCRYPTION_KEY && Buffer.from(env.KEY_ENCRYPTION_KEY, 'base64').length !== 32) {
      ctx.addIssue({ code: 'custom', path: ['KEY_ENCRYPTION_KEY'], message: 'must be base64 of exactly 32 bytes' });
    }
  });

export type AppConfig = Readonly<{
  profile: 'embedded' | 'production' | 'benchmark';
  port: number;
  host: string;
  dataDir: string;
  seedDemo: boolean;
  auth: 'dev' | 'oidc';
  oidc: { issuer: string; audience: string; jwksUrl?: string; clientId?: string; scope: string } | null;
  eventStore: { kind: 'sqlite'; path: string } | { kind: 'kurrentdb'; url: string };
  bodyLimit: string;
  keyEncryptionKey: Buffer | null;
  minPositionWaitMs: number;
  alertWebhookUrl: string | null;
  rateLimitPerMinute: number;
  analytics:
    | { kind: 'embedded'; path: string; database: string }
    | { kind: 'server'; url: string; username: string; password: string; database: string };
  corsOrigins: readonly string[];
  /** Where the in-memory read models keep state snapshots; null: they replay the log from 0 at every start. */
  snapshots: { directory: string; everyEvents: number } | null;
  /** V8's heap growing factor in percent over the live heap once that is heapGrowingFromMb or more; 0: V8's own (heap-growth.ts). */
  heapGrowingPercent: number;
  heapGrowingFromMb: number;
}>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    profile: e.APP_PROFILE,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    seedDemo: e.SEED_DEMO,
    auth: e.AUTH ?? (e.APP_PROFILE === 'production' ? 'oidc' : 'dev'),
    oidc: e.OIDC_ISSUER && e.OIDC_AUDIENCE ? { issuer: e.OIDC_ISSUER, audience: e.OIDC_AUDIENCE, ...(e.OIDC_JWKS_URL ? { jwksUrl: e.OIDC_JWKS_URL } : {}), ...(e.OIDC_CLIENT_ID ? { clientId: e.OIDC_CLIENT_ID } : {}), scope: e.OIDC_SCOPE } : null,
    eventStore: e.EVENT_STORE === 'kurrentdb' ? { kind: 'kurrentdb', url: e.KURRENTDB_URL! } : { kind: 'sqlite', path: resolve(dataDir, 'events.db') },
    bodyLimit: e.BODY_LIMIT,
    keyEncryptionKey: e.KEY_ENCRYPTION_KEY ? Buffer.from(e.KEY_ENCRYPTION_KEY, 'base64') : null,
    minPositionWaitMs: e.MIN_POSITION_WAIT_MS,
    alertWebhookUrl: e.ALERT_WEBHOOK_URL ?? null,
    analytics: e.CLICKHOUSE_URL
      ? { kind: 'server', url: e.CLICKHOUSE_URL, username: e.CLICKHOUSE_USER, password: e.CLICKHOUSE_PASSWORD, database: e.ANALYTICS_DATABASE }
      : { kind: 'embedded', path: resolve(e.ANALYTICS_PATH ?? resolve(dataDir, 'analytics')), database: e.ANALYTICS_DATABASE },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? (e.APP_PROFILE === 'benchmark' ? 0 : 6000),
    corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    // Only over the SQLite log: a snapshot is checked against the event at its position (position − 1 is a valid `after` there).
    snapshots: e.STATE_SNAPSHOTS && e.EVENT_STORE === 'sqlite' ? { directory: resolve(dataDir, 'snapshots'), everyEvents: e.STATE_SNAPSHOT_EVERY } : null,
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    heapGrowingFromMb: e.HEAP_GROWING_FROM_MB,
  };
}
