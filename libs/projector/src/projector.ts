import type { AnalyticsStore } from '#libs/analytics-store';
import type { RecordedEvent } from '#libs/events';
import type { BatchHandler, DeadLetterSink } from '#libs/pipeline';
import { allProjections, type ProjectedRow, type Projection } from './projections/index.js';
import { participantTables, tables, type TableName } from './tables.js';
import { readProjectionPositions } from './positions.js';
import { addNamedParticipants, eraseParticipant, erasureKey, findErased, type NamedParticipants, type ParticipantKey } from './erasure.js';
import { addStaleParticipants, RefreshClock, refreshDerivedTables, type StaleParticipants, withoutErased } from './derived/derived-tables.js';
import { InOrderWrites } from './in-order-writes.js';

/**
 * A batch projected and waiting for its turn to be written. What the write needs of its rows
 * (per table, participants named, stale derived rows) is gathered per event while projecting,
 * in the slices that yield: one pass over ~40,000 rows would hold the event loop 10–30 ms.
 */
interface PreparedBatch {
  /** Rows per table, tables in the order they first appear, rows in event order. */
  readonly perTable: ReadonlyMap<TableName, ProjectedRow['row'][]>;
  readonly named: NamedParticipants;
  /** Before erasures are applied (withoutErased). */
  readonly stale: StaleParticipants;
  readonly erasures: readonly ParticipantKey[];
  /** The batch's highest global position: recorded once its rows are written. */
  readonly position: bigint;
}

export interface ProjectorOptions {
  readonly deadLetters: DeadLetterSink;
  /** Default: allProjections. */
  readonly projections?: readonly Projection[];
  /**
   * Rows per insert statement. Each insert is one statement; chDB copies it on the calling thread
   * (~1 ms per 1,000 rows on a 2-core machine; the store encodes the rows in slices that yield), so
   * batches are cut to keep the API responsive in embedded mode. Default 5000.
   */
  readonly maxRowsPerInsert?: number;
  /** For `projection_positions.updated_at`. Default: the system clock. */
  readonly now?: () => Date;
  /** The ClickHouse cluster's name when the tables are Distributed over `<table>_local` (erasure deletes there). Default: none. */
  readonly cluster?: string;
}

const participantTableSet: ReadonlySet<TableName> = new Set(participantTables);
/** ~5–10 ms of toRows on a 2-core machine (bench/pipeline.ts profile). */
const YIELD_EVERY_EVENTS = 500;

/**
 * Projects batches of events into the analytics store (ARCHITECTURE.md "Data flow").
 * `handleBatch` is the pipeline's BatchHandler: it resolves only after the store acknowledged
 * every insert, so the consumer commits offsets only then. Re-delivery is harmless: every row
 * is keyed (ReplacingMergeTree) so the same event rewrites the same row.
 */
export class Projector {
  private readonly routes = new Map<string, Projection[]>();
  private readonly projections: readonly Projection[];
  private readonly maxRows: number;
  private readonly now: () => Date;
  private projected = 0n;
  private deadLetterCount = 0;
  private readonly writes = new InOrderWrites();
  private readonly refreshClock = new RefreshClock();

  constructor(
    private readonly store: AnalyticsStore,
    private readonly options: ProjectorOptions,
  ) {
    this.projections = options.projections ?? allProjections;
    for (const projection of this.projections) {
      for (const type of projection.handles) this.routes.set(type, [...(this.routes.get(type) ?? []), projection]);
    }
    this.maxRows = Math.max(1, options.maxRowsPerInsert ?? 5000);
    this.now = options.now ?? (() => new Date());
  }

  /** Last global position projected by this process (0n before the first batch). */
  position(): bigint {
    return this.projected;
  }

  /**
   * After a restart: the lowest position any of this projector's projections recorded (0n when
   * one has none yet), so position() reports a true lag before the first batch arrives.
   */
  async restorePosition(): Promise<bigint> {
    const stored = new Map((await readProjectionPositions(this.store)).map((p) => [`${p.projection}@${p.projectionVersion}`, p.position]));
    const positions = this.projections.map((p) => stored.get(`${p.name}@${p.version}`) ?? 0n);
    const lowest = positions.reduce((min, p) => (p < min ? p : min));
    if (lowest > this.projected) this.projected = lowest;
    return this.projected;
  }

  /** Events this process dead-lettered. */
  deadLettered(): number {
    return this.deadLetterCount;
  }

  /**
   * May be called again before the previous call resolved (a consumer that keeps two batches in
   * flight, e.g. InProcessPipeline `maxBatchesInFlight`): the new batch is projected at once,
   * while the previous one's inserts run on chDB's thread, and written only after the previous
   * call's writes were acknowledged. Calls resolve in order; a call whose predecessor failed
   * rejects without writing (EarlierBatchFailed). The erasure look-up runs in the write phase, so
   * it sees every earlier batch's writes.
   */
  readonly handleBatch: BatchHandler = (events) => {
    if (events.length === 0) return Promise.resolve();
    const preparing = this.prepare(events);
    // Settled by the write below (or left unread when an earlier batch failed): never unhandled.
    preparing.catch(() => undefined);
    return this.writes.run(async () => this.write(await preparing));
  };

  /** Projecting is synchronous CPU: slices of it let other work of this event loop run (the api, the previous batch's inserts completing). */
  private async prepare(events: readonly RecordedEvent[]): Promise<PreparedBatch> {
    const perTable = new Map<TableName, ProjectedRow['row'][]>();
    const named: NamedParticipants = new Map();
    const stale: StaleParticipants = new Map();
    const erasures: ParticipantKey[] = [];
    for (const [index, event] of events.entries()) {
      if (index > 0 && index % YIELD_EVERY_EVENTS === 0) await new Promise((resolve) => setImmediate(resolve));
      const projected = await this.project(event);
      for (const { table, row } of projected) {
        const tableRows = perTable.get(table);
        if (tableRows) tableRows.push(row);
        else perTable.set(table, [row]);
      }
      addNamedParticipants(named, projected);
      addStaleParticipants(stale, projected);
      const erasure = projected.find((r) => r.table === tables.participantErasures);
      if (erasure) erasures.push({ org: String(erasure.row['org']), participantId: String(erasure.row['participant_id']) });
    }
    const position = events.reduce((max, e) => (e.position > max ? e.position : max), 0n);
    return { perTable, named, stale, erasures, position };
  }

  /** Runs only after every earlier batch's writes were acknowledged (InOrderWrites). */
  private async write({ perTable, named, stale, erasures, position }: PreparedBatch): Promise<void> {
    // Rows of a participant erased before (or within) this batch are dropped: group streams can
    // arrive after the participant's erasure, and replaying the log must not bring them back.
    const erased = await findErased(this.store, named, erasures);
    await this.insertPerTable(erased.size === 0 ? perTable : withoutErasedRows(perTable, erased));
    // Rows inserted by earlier batches go by DELETE; idempotent, so a re-delivery deletes again.
    for (const erasure of erasures) await eraseParticipant(this.store, erasure, this.options.cluster ?? null);
    // Derived tables last: they are computed from the rows above, erasures applied.
    await refreshDerivedTables(this.store, withoutErased(stale, erased), this.refreshClock);
    await this.recordPositions(position);
    if (position > this.projected) this.projected = position;
  }

  /** Rows of one event, or none when no projection handles it (unknown types are skipped, not poison) or it is poison. */
  private async project(event: RecordedEvent): Promise<ProjectedRow[]> {
    const handlers = this.routes.get(event.type);
    if (!handlers) return [];
    try {
      return handlers.flatMap((projection) => projection.toRows(event));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.options.deadLetters.send({ reason: `projection failed: ${reason}`, event, key: event.stream });
      this.deadLetterCount++;
      return [];
    }
  }

  private async insertPerTable(perTable: ReadonlyMap<TableName, readonly object[]>): Promise<void> {
    for (const [table, tableRows] of perTable) {
      for (let start = 0; start < tableRows.length; start += this.maxRows) {
        await this.store.insert(table, tableRows.slice(start, start + this.maxRows));
      }
    }
  }

  private async recordPositions(position: bigint): Promise<void> {
    const updatedAt = this.now().toISOString();
    const rows = this.projections.map((p) => ({
      projection_name: p.name,
      projection_version: p.version,
      position: position.toString(),
      updated_at: updatedAt,
      version: position.toString(),
    }));
    await this.store.insert(tables.projectionPositions, rows);
  }
}

/** The rows of participant tables that do not belong to an erased participant (erasureKey); other tables as they are. */
function withoutErasedRows(perTable: ReadonlyMap<TableName, ProjectedRow['row'][]>, erased: ReadonlySet<string>): Map<TableName, ProjectedRow['row'][]> {
  const kept = new Map<TableName, ProjectedRow['row'][]>();
  for (const [table, rows] of perTable) {
    if (!participantTableSet.has(table)) kept.set(table, rows);
    else kept.set(table, rows.filter((row) => !erased.has(erasureKey(String(row['org']), String(row['participant_id'])))));
  }
  return kept;
}
