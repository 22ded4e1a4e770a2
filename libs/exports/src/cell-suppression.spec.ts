import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { derivableCells, suppressCells, withMargins } from './cell-suppression.js';

describe('small-cell and complementary suppression', () => {
  it('suppresses 1-10 and a complement in each line, by hand', () => {
    // rows a, b; columns x, y, z
    const { grid, suppressed } = suppressCells({ rows: ['a', 'b'], columns: ['x', 'y', 'z'], cells: [[3, 20, 15], [12, 30, 0]] });
    // 3 is small; row a takes its smallest non-zero (15), column x the 12; then column z, holding
    // only the 15, takes the 0 of row b (nothing else is left in it but its total).
    expect(grid).toEqual([
      [null, 20, null, 38],
      [null, 30, null, 42],
      [15, 50, 15, 80],
    ]);
    expect(suppressed).toBe(4);
    expect(derivableCells(grid)).toEqual([]);
  });

  it('finds what a naive suppression leaves derivable (so the audit can fail)', () => {
    const full = withMargins({ rows: ['a', 'b'], columns: ['x', 'y'], cells: [[3, 20], [12, 30]] });
    const naive = full.map((row) => row.map((v) => (v === 3 ? null : v)));
    expect(derivableCells(naive)).toEqual([{ row: 0, column: 0, value: 3 }]);
  });

  it('widens the suppression where a suppressed cell bridges two groups (one per line is not enough)', () => {
    const cells = [[0, 1, 0, 10], [0, 0, 1, 0], [1, 11, 1, 0], [0, 1, 0, 1]];
    const { grid } = suppressCells({ rows: ['a', 'b', 'c', 'd'], columns: ['w', 'x', 'y', 'z'], cells });
    expect(derivableCells(grid)).toEqual([]);
  });

  it('leaves no small cell and nothing derivable on random tables', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((r) =>
      fc.integer({ min: 1, max: 5 }).chain((c) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
    );
    fc.assert(
      fc.property(table, (cells) => {
        const { grid } = suppressCells({ rows: cells.map((_, i) => `r${i}`), columns: cells[0]!.map((_, i) => `c${i}`), cells });
        expect(grid.flat().filter((v) => v !== null && v > 0 && v < 11)).toEqual([]);
        expect(derivableCells(grid)).toEqual([]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
