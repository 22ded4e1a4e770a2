import type { ClickHouseClient } from '@clickhouse/client';
import { AnalyticsStore, type QueryParams, RAW_FORMATS, type RawFormat } from '#libs/analytics-store';
import { translateStoreError } from './store-errors.js';

export interface ClickHouseAnalyticsStoreOptions {
  readonly database: string;
  /** Inserts and commands go through this one client (one writer keeps inserts ordered). */
  readonly writer: ClickHouseClient;
  /**
   * Clients for SELECTs, used least-busy first. With chDB one connection runs its queries one
   * at a time while several connections on one data directory run in parallel (ARCHITECTURE.md,
   * chDB measurements), so the read side is a small pool. Defaults to `[writer]`.
   */
  readonly readers?: readonly ClickHouseClient[];
  /** Named in DependencyUnavailable errors, e.g. "ClickHouse" or "chDB". */
  readonly dependency: string;
  /** Runs after every client closed (e.g. releases a chDB data directory). */
  readonly onClosed?: () => Promise<void> | void;
}

/** AnalyticsStore over @clickhouse/client: a ClickHouse server over HTTP, or chDB in-process. */
export class ClickHouseAnalyticsStore extends AnalyticsStore {
  readonly database: string;
  private readonly writer: ClickHouseClient;
  private readonly readers: readonly { client: ClickHouseClient; busy: number }[];
  private closed = false;

  constructor(private readonly options: ClickHouseAnalyticsStoreOptions) {
    super();
    this.database = options.database;
    this.writer = options.writer;
    this.readers = (options.readers?.length ? options.readers : [options.writer]).map((client) => ({ client, busy: 0 }));
  }

  async insert(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    await this.guard(() => this.writer.insert({ table, values: rows as object[], format: 'JSONEachRow' }));
  }

  async query<T>(sql: string, params: QueryParams): Promise<T[]> {
    const reader = this.readers.reduce((least, r) => (r.busy < least.busy ? r : least));
    reader.busy++;
    try {
      return await this.guard(async () => {
        const result = await reader.client.query({ query: sql, query_params: { ...params }, format: 'JSONEachRow' });
        return result.json<T>();
      });
    } finally {
      reader.busy--;
    }
  }

  /** Raw output through `exec` (the client's byte stream), collected into one Buffer. */
  async queryRaw(sql: string, params: QueryParams, format: RawFormat): Promise<Buffer> {
    // The format is spliced into the SQL, so only the port's closed list may get there.
    if (!RAW_FORMATS.includes(format)) throw new RangeError(`Unsupported raw format: ${String(format)}`);
    const reader = this.readers.reduce((least, r) => (r.busy < least.busy ? r : least));
    reader.busy++;
    try {
      return await this.guard(async () => {
        const { stream } = await reader.client.exec({ query: `${sql}\nFORMAT ${format}`, query_params: { ...params } });
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
        return Buffer.concat(chunks);
      });
    } finally {
      reader.busy--;
    }
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.guard(() => this.writer.command({ query: sql, query_params: { ...params } }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const clients = new Set([this.writer, ...this.readers.map((r) => r.client)]);
    await Promise.all([...clients].map((c) => c.close()));
    await this.options.onClosed?.();
  }

  private async guard<R>(work: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('AnalyticsStore used after close()');
    try {
      return await work();
    } catch (error) {
      throw translateStoreError(error, this.options.dependency);
    }
  }
}
