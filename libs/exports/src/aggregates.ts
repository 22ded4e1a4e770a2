import { statusOf } from './cohort.js';
import { type CountTable, suppressCells } from './cell-suppression.js';
import { inWindow } from './dates.js';
import { MIN_CELL } from './policy.js';
import type { ExportQuery, ExportSource } from './source.js';
import { col, compareCells, type Table } from './table.js';
import type { Published } from './tables.js';

/** The label of a margin (a row or column total) in the long format of an aggregate file. */
export const ALL = '(all)';

function countTable(kept: readonly Published[], facts: (p: Published) => string[], columnOf: (p: Published) => string): CountTable {
  const cells = new Map<string, Set<string>>();
  const rows = new Set<string>();
  const columns = new Set<string>();
  for (const p of kept) {
    columns.add(columnOf(p));
    for (const fact of new Set(facts(p))) {
      rows.add(fact);
      const key = `${fact}\u0000${columnOf(p)}`;
      cells.set(key, (cells.get(key) ?? new Set()).add(p.person.participant.participantId));
    }
  }
  const r = [...rows].sort(compareCells);
  const c = [...columns].sort(compareCells);
  return { rows: r, columns: c, cells: r.map((row) => c.map((column) => cells.get(`${row}\u0000${column}`)?.size ?? 0)) };
}

/** A count table in long format (row value, column value, participants), margins labelled `(all)`, suppressed cells empty. */
function aggregateTable(name: string, description: string, dims: [string, string], table: CountTable, minCell: number): { table: Table; suppressed: number } {
  const { grid, suppressed } = suppressCells(table, minCell);
  const rowLabels = [...table.rows, ALL];
  const columnLabels = [...table.columns, ALL];
  const rows = grid.flatMap((line, r) => line.map((v, c) => [rowLabels[r]!, columnLabels[c]!, v]));
  return {
    table: {
      name,
      kind: 'aggregate',
      description: `${description} Cells from 1 to ${minCell - 1} and the cells that would let one be derived are empty (suppressed); margins (${ALL}) are the sums of the cells.`,
      columns: [col(dims[0], 'string', `Row of the table; ${ALL} = total over the rows.`), col(dims[1], 'string', `Column of the table; ${ALL} = total over the columns.`), col('participants', 'int32', 'Participants counted in the cell; empty = suppressed.', true)],
      rows,
    },
    suppressed,
  };
}

/**
 * Aggregate files over the published participants (their published quasi-identifiers), so they
 * reveal nothing about a suppressed row, with small-cell and complementary suppression.
 */
export function aggregateTables(kept: readonly Published[], source: ExportSource, query: ExportQuery, minCell = MIN_CELL): { tables: Table[]; cellsSuppressed: number } {
  const milestonesOf = new Map<string, string[]>();
  for (const m of source.milestones) {
    if (!inWindow(m.achievedOn, query.from, query.to)) continue;
    const list = milestonesOf.get(m.participantId);
    if (list) list.push(m.milestoneType);
    else milestonesOf.set(m.participantId, [m.milestoneType]);
  }
  const milestones = aggregateTable(
    'aggregate_milestones',
    'Participants who reached each milestone type, by gender.',
    ['milestone', 'gender'],
    countTable(kept, (p) => milestonesOf.get(p.person.participant.participantId) ?? [], (p) => p.qi.gender),
    minCell,
  );
  const status = aggregateTable('aggregate_status', 'Participants by status (ongoing or last leave reason) and cohort.', ['status', 'cohort'], countTable(kept, (p) => [statusOf(p.person)], (p) => p.qi.cohort), minCell);
  return { tables: [milestones.table, status.table], cellsSuppressed: milestones.suppressed + status.suppressed };
}
