/** Column types of the data dictionary; each maps to one ClickHouse and one Parquet type. */
export type ColumnType = 'string' | 'int32' | 'float64' | 'boolean';
export type Cell = string | number | boolean | null;

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly description: string;
}

/** One file of an export (written as `<name>.csv` and `<name>.parquet`). */
export interface Table {
  readonly name: string;
  readonly kind: 'microdata' | 'aggregate';
  readonly description: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

export const col = (name: string, type: ColumnType, description: string, nullable = false): Column => ({ name, type, nullable, description });

/** Null first, numbers by value, strings by code point (never locale-dependent), booleans false first. */
export function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareRows(a: readonly Cell[], b: readonly Cell[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = compareCells(a[i]!, b[i]!);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Rows in a total order of their values, so the same data always gives the same file. */
export function sortedRows(rows: (readonly Cell[])[]): (readonly Cell[])[] {
  return rows.sort(compareRows);
}
