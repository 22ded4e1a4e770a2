import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { AnalyticsStore, type QueryParams, RAW_FORMATS, type RawFormat } from '#libs/analytics-store';
import { translateStoreError } from './store-errors.js';
import { encodeJsonEachRow, ROWS_PER_SLICE } from './json-each-row.js';

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
  /** Rows JSON-encoded between two turns of the event loop in `insert`. Default ROWS_PER_SLICE (500). */
  readonly rowsPerEncodeSlice?: number;
  /**
   * Runs `INSERT INTO table FORMAT JSONEachRow` with `body` as its data, one statement, without
   * copying the body on this thread (chDB's raw insert). Default: the writer's `exec`.
   */
  readonly insertBody?: (table: string, body: Buffer) => Promise<void>;
}

/** Table names come from our code (projections, migrations); checked anyway, as they are spliced into the INSERT. */
const TABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

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

  /**
   * One INSERT statement per call, its JSONEachRow body encoded in slices that let the event loop
   * turn between them (`client.insert` maps JSON.stringify over the whole array at once: ~30 ms
   * for 10,000 rows on the api's thread). The body then goes to `insertBody` (chDB: handed over
   * without a copy), or as the statement's data through `exec`, which the HTTP connection sends as
   * the request body, as `insert` does.
   */
  async insert(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    if (!TABLE.test(table)) throw new Error(`table "${table}" is not a plain [database.]identifier`);
    await this.guard(async () => {
      const pieces = await encodeJsonEachRow(rows, this.options.rowsPerEncodeSlice ?? ROWS_PER_SLICE);
      if (this.options.insertBody) return this.options.insertBody(table, Buffer.concat(pieces));
      const { stream } = await this.writer.exec({ query: `INSERT INTO ${table} FORMAT JSONEachRow`, values: Readable.from(pieces) });
      // Nothing to read after an INSERT; draining releases the HTTP socket.
      stream.resume();
      await finished(stream);
    });
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
