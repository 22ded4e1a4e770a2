import { describe, expect, it } from '@jest/globals';
import { encodeJsonEachRow } from './json-each-row.js';

const rows = Array.from({ length: 1_234 }, (_, i) => ({ id: `p${i}`, n: String(2n ** 63n - BigInt(i)), x: i % 3 === 0 ? null : i / 7, tags: ['a', 'é"\n'], scores: { phq9: i } }));

describe('encodeJsonEachRow', () => {
  it('makes the body @clickhouse/client makes of the array (JSON.stringify + newline per row)', async () => {
    const pieces = await encodeJsonEachRow(rows, 500, async () => undefined);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });

  it('gives the event loop a turn between slices, none before the first or after the last', async () => {
    let pauses = 0;
    const pieces = await encodeJsonEachRow(rows, 500, async () => {
      pauses++;
    });
    // 1,234 rows in slices of 500: three pieces, two pauses.
    expect(pieces.map((p) => p.toString('utf8').split('\n').length - 1)).toEqual([500, 500, 234]);
    expect(pauses).toBe(2);
  });

  it('lets a timer run while a large body is encoded with the default pause', async () => {
    let timerRan = false;
    setImmediate(() => (timerRan = true));
    const encoding = encodeJsonEachRow(rows, 100);
    expect(timerRan).toBe(false);
    await encoding;
    expect(timerRan).toBe(true);
  });

  it('encodes no rows as no pieces', async () => {
    expect(await encodeJsonEachRow([], 500)).toEqual([]);
  });
});
