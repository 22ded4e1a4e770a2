/** Rows JSON-encoded per slice: ~1.5 ms of the event loop for 500 `measures` rows on a 2-core machine (docs/benchmarks.md, projection pipeline, fourth pass). */
export const ROWS_PER_SLICE = 500;

/** Lets timers, I/O and other requests of this event loop run (a macrotask, not a microtask). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The JSONEachRow body of `rows` (https://clickhouse.com/docs/interfaces/formats/JSONEachRow),
 * byte for byte what @clickhouse/client makes of an array (`JSON.stringify(row) + "\n"` each),
 * but encoded `rowsPerSlice` rows at a time, to UTF-8 too, with `pause()` between slices, so a
 * 10,000-row insert does not hold the event loop for the ~30 ms a single `map` takes. One piece
 * per slice; their concatenation is the body.
 */
export async function encodeJsonEachRow(rows: readonly object[], rowsPerSlice = ROWS_PER_SLICE, pause: () => Promise<void> = nextTurn): Promise<Buffer[]> {
  const size = Math.max(1, Math.floor(rowsPerSlice));
  const pieces: Buffer[] = [];
  for (let start = 0; start < rows.length; start += size) {
    if (start > 0) await pause();
    let piece = '';
    const end = Math.min(rows.length, start + size);
    for (let i = start; i < end; i++) piece += `${JSON.stringify(rows[i])}\n`;
    pieces.push(Buffer.from(piece, 'utf8'));
  }
  return pieces;
}
