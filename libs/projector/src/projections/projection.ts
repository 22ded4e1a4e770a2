import type { RecordedEvent } from '#libs/events';
import type { TableName } from '../tables.js';

/** One row for one table; keys are column names (migrations/*.sql). */
export interface ProjectedRow {
  readonly table: TableName;
  readonly row: Readonly<Record<string, unknown>>;
}

/**
 * A projection is a value (ARCHITECTURE.md principle 5): rows from one event alone, no I/O.
 * `toRows` throws PoisonMessage (#libs/errors) on malformed data; the Projector dead-letters
 * that event and goes on. A new `version` rebuilds into new tables, then swaps (not built yet).
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  toRows(event: RecordedEvent): ProjectedRow[];
}
