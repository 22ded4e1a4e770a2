import type { AnalyticsStore } from '#libs/analytics-store';
import type { RecordedEvent } from '#libs/events';
import type { BatchHandler, DeadLetterSink } from '#libs/pipeline';
import { allProjections, type ProjectedRow, type Projection } from './projections/index.js';
import { participantTables, tables, type TableName } from './tables.js';
import { derivedTablesPosition, readProjectionPositions } from './positions.js';
import { addNamedParticipants, eraseParticipant, erasureKey, findErased, type NamedParticipants, type ParticipantKey } from './erasure.js';
import { addStaleKeys, RefreshClock, refreshDerivedTables, refreshGroupsOfErased, type StaleKeys, withoutErased } from './derived/derived-tables.js';
import { InOrderWrites } from './in-order-writes.js';
import { DeferredRefresh, type DerivedRefreshOptions } from './derived/deferred-refresh.js';
import { staleSince } from './derived/refresh-recovery.js';

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
  readonly stale: StaleKeys;
  readonly erasures: readonly ParticipantKey[];
  /** The batch's highest global position: recorded once its rows are written. */
  readonly position: bigint;
  readonly events: number;
  /** BatchContext.backlog: events the transport knows wait behind this batch. */
  readonly backlog: number | undefined;
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
  /**
   * Refresh the derived tables for the stale participants of several batches at once, at most
   * once per `intervalMs` (DeferredRefresh). Default: in every batch's write, before its position
   * is recorded. Deferred, position() and the recorded `derived_tables` position lag until the
   * refresh, and a restart refreshes what a stopped process left waiting (restorePosition).
   */
  readonly derivedRefresh?: DerivedRefreshOptions;
  /**
   * The log's head (EventStore.headPosition), to tell a catch-up from the live tail: a batch
   * written while at least as many events again (and ≥ 1,000) wait behind it is part of a
   * catch-up, and its deferred refresh waits for the catch-up's end (DeferredRefresh.add).
   * A batch whose transport says what waits behind it (BatchContext.backlog, Kafka's lag) is
   * judged by that instead. Default: none, and without a backlog a batch counts as the live tail.
   */
  readonly logHead?: () => Promise<bigint>;
}

const participantTableSet: ReadonlySet<TableName> = new Set(participantTables);
/** ~5–10 ms of toRows on a 2-core machine (bench/pipeline.ts profile). */
const YIELD_EVERY_EVENTS = 500;
/** The least backlog behind a batch that makes it part of a catch-up (ProjectorOptions.logHead): 4 s of a 250 events/s live tail. */
const CATCH_UP_MIN_EVENTS = 1000;

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
  /** Rows written and positions recorded up to here. */
  private projected = 0n;
  /** The derived tables are up to date with the log up to here (= projected unless deferred). */
  private refreshed = 0n;
  private deadLetterCount = 0;
  private readonly writes = new InOrderWrites();
  private readonly refreshClock = new RefreshClock();
  private readonly deferred: DeferredRefresh | null;

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
    this.deferred = options.derivedRefresh
      ? new DeferredRefresh(options.derivedRefresh, {
          queue: (work) => this.writes.run(work),
          refresh: async ({ stale, position }) => {
            await refreshDerivedTables(this.store, stale, this.refreshClock, options.derivedRefresh!.maxThreads ?? 1);
            await this.store.insert(tables.projectionPositions, [this.positionRow(derivedTablesPosition, position, this.now().toISOString())]);
            if (position > this.refreshed) this.refreshed = position;
          },
        })
      : null;
  }

  /**
   * Last global position this process made queryable: rows written and derived tables refreshed
   * (0n before the first batch).
   */
  position(): bigint {
    return this.refreshed < this.projected ? this.refreshed : this.projected;
  }

  /** Called after each deferred refresh (position() moved without a batch). Returns the unsubscribe. */
  onRefreshed(listener: () => void): () => void {
    return this.deferred?.onRefreshed(listener) ?? (() => undefined);
  }

  /** The last deferred refresh's failure (it is retried), or null. */
  refreshFailure(): string | null {
    return this.deferred?.failure() ?? null;
  }

  /** Refreshes now what deferred refreshes left waiting (end of a catch-up, shutdown); rejects when the refresh fails. */
  async flushDerived(): Promise<void> {
    await this.deferred?.flush();
  }

  /**
   * After a restart: the lowest position any of this projector's projections recorded (0n when
   * one has none yet), so position() reports a true lag before the first batch arrives. When the
   * derived tables' recorded position is behind it (a process stopped before a deferred refresh),
   * refreshes every participant with rows projected after it first: a clean replay's derived rows.
   */
  async restorePosition(): Promise<bigint> {
    const recorded = await readProjectionPositions(this.store);
    const stored = new Map(recorded.map((p) => [`${p.projection}@${p.projectionVersion}`, p.position]));
    const positions = this.projections.map((p) => stored.get(`${p.name}@${p.version}`) ?? 0n);
    const lowest = positions.reduce((min, p) => (p < min ? p : min));
    // No record: written by a projector that refreshed in each batch's write, before its position.
    const derived = stored.get(`${derivedTablesPosition.name}@${derivedTablesPosition.version}`) ?? lowest;
    if (derived < lowest) {
      await this.writes.run(async () => {
        await refreshDerivedTables(this.store, await staleSince(this.store, derived), this.refreshClock);
        await this.store.insert(tables.projectionPositions, [this.positionRow(derivedTablesPosition, lowest, this.now().toISOString())]);
      });
    }
    if (lowest > this.projected) this.projected = lowest;
    if (lowest > this.refreshed) this.refreshed = lowest;
    return this.position();
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
  readonly handleBatch: BatchHandler = (events, context) => {
    if (events.length === 0) return Promise.resolve();
    const preparing = this.prepare(events, context?.backlog);
    // Settled by the write below (or left unread when an earlier batch failed): never unhandled.
    preparing.catch(() => undefined);
    return this.writes.run(async () => this.write(await preparing));
  };

  /** Projecting is synchronous CPU: slices of it let other work of this event loop run (the api, the previous batch's inserts completing). */
  private async prepare(events: readonly RecordedEvent[], backlog: number | undefined): Promise<PreparedBatch> {
    const perTable = new Map<TableName, ProjectedRow['row'][]>();
    const named: NamedParticipants = new Map();
    const stale: StaleKeys = new Map();
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
      addStaleKeys(stale, projected);
      const erasure = projected.find((r) => r.table === tables.participantErasures);
      if (erasure) erasures.push({ org: String(erasure.row['org']), participantId: String(erasure.row['participant_id']) });
    }
    const position = events.reduce((max, e) => (e.position > max ? e.position : max), 0n);
    return { perTable, named, stale, erasures, position, events: events.length, backlog };
  }

  /** Runs only after every earlier batch's writes were acknowledged (InOrderWrites). */
  private async write({ perTable, named, stale, erasures, position, events, backlog }: PreparedBatch): Promise<void> {
    // Rows of a participant erased before (or within) this batch are dropped: group streams can
    // arrive after the participant's erasure, and replaying the log must not bring them back.
    const erased = await findErased(this.store, named, erasures);
    await this.insertPerTable(erased.size === 0 ? perTable : withoutErasedRows(perTable, erased));
    // Their groups' per-group rows first, while their memberships still name the groups.
    if (erasures.length > 0) await refreshGroupsOfErased(this.store, erasures, this.refreshClock);
    // Rows inserted by earlier batches go by DELETE; idempotent, so a re-delivery deletes again.
    for (const erasure of erasures) await eraseParticipant(this.store, erasure, this.options.cluster ?? null);
    // Derived tables last: they are computed from the rows above, erasures applied.
    const batchStale = withoutErased(stale, erased);
    if (this.deferred) {
      // Nothing waiting and nothing stale: the derived tables are up to date with this batch too.
      const upToDate = this.deferred.isIdle() && batchStale.size === 0;
      await this.recordPositions(position, upToDate);
      this.advance(position, upToDate);
      if (!upToDate) await this.deferred.add(batchStale, position, erased, await this.catchingUp(position, events, backlog));
      return;
    }
    await refreshDerivedTables(this.store, batchStale, this.refreshClock);
    await this.recordPositions(position, true);
    this.advance(position, true);
  }

  /** At least as many events again as this batch's (and ≥ CATCH_UP_MIN_EVENTS) wait behind it. Unknown (no backlog, no head, or reading it failed): the live tail. */
  private async catchingUp(position: bigint, events: number, backlog: number | undefined): Promise<boolean> {
    const enough = Math.max(CATCH_UP_MIN_EVENTS, events);
    if (backlog !== undefined) return backlog >= enough;
    if (!this.options.logHead) return false;
    try {
      return (await this.options.logHead()) - position >= BigInt(enough);
    } catch {
      return false;
    }
  }

  private advance(position: bigint, derivedToo: boolean): void {
    if (position > this.projected) this.projected = position;
    if (derivedToo && position > this.refreshed) this.refreshed = position;
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

  /** Each projection's position, and the derived tables' when they are up to date with it too: one insert. */
  private async recordPositions(position: bigint, derivedToo: boolean): Promise<void> {
    const updatedAt = this.now().toISOString();
    const rows = this.projections.map((p) => this.positionRow(p, position, updatedAt));
    if (derivedToo) rows.push(this.positionRow(derivedTablesPosition, position, updatedAt));
    await this.store.insert(tables.projectionPositions, rows);
  }

  private positionRow(of: { readonly name: string; readonly version: number }, position: bigint, updatedAt: string) {
    return { projection_name: of.name, projection_version: of.version, position: position.toString(), updated_at: updatedAt, version: position.toString() };
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
