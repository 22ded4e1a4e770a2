import { MIN_CELL } from './policy.js';

/** A two-way table of counts; margins are the sums of its cells (so they are linear constraints). */
export interface CountTable {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** cells[r][c] for r < rows.length, c < columns.length. */
  readonly cells: readonly (readonly number[])[];
}

/**
 * The table with margins: (R+1)×(C+1), row R = column totals, column C = row totals, [R][C] the
 * grand total; `null` = suppressed.
 */
export type PublishedGrid = (number | null)[][];

export function withMargins(table: CountTable): number[][] {
  const R = table.rows.length;
  const C = table.columns.length;
  const grid = Array.from({ length: R + 1 }, (_, r) => Array.from({ length: C + 1 }, (_, c) => (r < R && c < C ? table.cells[r]![c]! : 0)));
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    grid[r]![C]! += grid[r]![c]!;
    grid[R]![c]! += grid[r]![c]!;
    grid[R]![C]! += grid[r]![c]!;
  }
  return grid;
}

/** The lines of the grid (every row, every column), each with the index of its total in it. */
function lines(R: number, C: number): { cells: [number, number][]; total: number }[] {
  const out: { cells: [number, number][]; total: number }[] = [];
  for (let r = 0; r <= R; r++) out.push({ cells: Array.from({ length: C + 1 }, (_, c) => [r, c] as [number, number]), total: C });
  for (let c = 0; c <= C; c++) out.push({ cells: Array.from({ length: R + 1 }, (_, r) => [r, c] as [number, number]), total: R });
  return out;
}

/**
 * Primary suppression of every cell (margins included) from 1 to minCell − 1 (CMS rule), then
 * complementary suppression: a line (row or column with its total) holding exactly one
 * suppressed cell could be solved for it, so another cell of that line is suppressed — the
 * smallest non-zero one, else a zero, else the total — until no line holds exactly one; and
 * while `derivableCells` still solves one (a suppressed cell that bridges two groups of
 * suppressed cells), one more cell of its lines. So no linear combination of the published
 * values gives a suppressed cell.
 */
export function suppressCells(table: CountTable, minCell = MIN_CELL): { grid: PublishedGrid; suppressed: number } {
  const full = withMargins(table);
  const R = table.rows.length;
  const C = table.columns.length;
  const hidden = full.map((row) => row.map((v) => v > 0 && v < minCell));
  const rank = ([r, c]: [number, number]) => (full[r]![c]! > 0 ? full[r]![c]! : Number.MAX_SAFE_INTEGER);
  /** Hides the smallest non-zero open cell of the line (else a zero, else its total); false when all are hidden. */
  const complement = (line: { cells: [number, number][]; total: number }): boolean => {
    const open = line.cells.filter(([r, c], i) => !hidden[r]![c] && i !== line.total).sort((a, b) => rank(a) - rank(b));
    const pick = open[0] ?? (hidden[line.cells[line.total]![0]]![line.cells[line.total]![1]] ? undefined : line.cells[line.total]);
    if (!pick) return false;
    hidden[pick[0]]![pick[1]] = true;
    return true;
  };
  const all = lines(R, C);
  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of all) if (line.cells.filter(([r, c]) => hidden[r]![c]).length === 1) changed = complement(line) || changed;
    }
    // One suppressed cell per line is not enough when a suppressed cell bridges two groups of
    // suppressed cells (it is still solvable): the audit finds those; widen the suppression there.
    const derivable = derivableCells(full.map((row, r) => row.map((v, c) => (hidden[r]![c] ? null : v))));
    if (derivable.length === 0) break;
    const { row, column } = derivable[0]!;
    const through = all.filter((line) => line.cells.some(([r, c]) => r === row && c === column));
    if (!through.some((line) => complement(line))) break;
  }
  let suppressed = 0;
  const grid = full.map((row, r) => row.map((v, c) => (hidden[r]![c] ? (suppressed++, null) : v)));
  return { grid, suppressed };
}

/**
 * The suppressed cells a reader could compute exactly from the published ones through the
 * margin equations (row sums, column sums), with the value they would get. Gaussian
 * elimination over the unknowns: a cell is determined when its unit vector lies in the row
 * space of the constraints, i.e. a row of the reduced echelon form has it as its only term.
 */
export function derivableCells(grid: PublishedGrid): { row: number; column: number; value: number }[] {
  const R = grid.length - 1;
  const C = grid[0]!.length - 1;
  const unknowns: [number, number][] = [];
  const index = new Map<string, number>();
  grid.forEach((row, r) => row.forEach((v, c) => {
    if (v === null) {
      index.set(`${r},${c}`, unknowns.length);
      unknowns.push([r, c]);
    }
  }));
  if (unknowns.length === 0) return [];
  const equations: number[][] = [];
  for (const line of lines(R, C)) {
    const coefficients = new Array<number>(unknowns.length + 1).fill(0);
    let any = false;
    line.cells.forEach(([r, c], i) => {
      const sign = i === line.total ? -1 : 1;
      const v = grid[r]![c]!;
      if (v === null) {
        coefficients[index.get(`${r},${c}`)!] = sign;
        any = true;
      } else coefficients[unknowns.length]! -= sign * v;
    });
    if (any) equations.push(coefficients);
  }
  const m = equations;
  const n = unknowns.length;
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let col = 0; col < n && pivotRow < m.length; col++) {
    const found = m.findIndex((row, i) => i >= pivotRow && Math.abs(row[col]!) > 1e-9);
    if (found < 0) continue;
    [m[pivotRow], m[found]] = [m[found]!, m[pivotRow]!];
    const p = m[pivotRow]![col]!;
    m[pivotRow] = m[pivotRow]!.map((v) => v / p);
    for (let i = 0; i < m.length; i++) {
      if (i === pivotRow || Math.abs(m[i]![col]!) < 1e-9) continue;
      const f = m[i]![col]!;
      m[i] = m[i]!.map((v, j) => v - f * m[pivotRow]![j]!);
    }
    pivots.push(col);
    pivotRow++;
  }
  const out: { row: number; column: number; value: number }[] = [];
  pivots.forEach((col, i) => {
    const row = m[i]!;
    const alone = row.every((v, j) => j === col || j === n || Math.abs(v) < 1e-9);
    if (alone) out.push({ row: unknowns[col]![0], column: unknowns[col]![1], value: Math.round(row[n]!) });
  });
  return out;
}
