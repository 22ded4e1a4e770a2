/**
 * Test-only helper (`#testing/instruments`, never built): item vectors with a chosen
 * total, filled greedily from the first item. Knows nothing of the definitions, so
 * expected scores in the specs stay independent of the code under test.
 */
export function itemsSumming(count: number, min: number, max: number, total: number): number[] {
  const items = Array.from({ length: count }, () => min);
  let remaining = total - min * count;
  if (remaining < 0 || remaining > (max - min) * count) throw new RangeError(`cannot reach ${total}`);
  for (let i = 0; i < count && remaining > 0; i++) {
    const add = Math.min(max - min, remaining);
    items[i] = min + add;
    remaining -= add;
  }
  return items;
}
