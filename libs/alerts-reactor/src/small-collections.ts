/**
 * The Set and Map an episode keeps, for the few entries it has (a handful of alert ids,
 * missed-session ids and attendances). An empty Set costs 152 bytes and a Map of five ~300;
 * with ~60 k open episodes at 10 M events, three per episode were ~30 MB (issue 7, RSS under
 * 1 GB). These keep exactly-sized arrays (copied on insert; lookups scan a dozen entries at
 * most) and implement the part of Set and Map the reactor uses.
 */
const NONE: readonly never[] = [];

export class SmallSet implements Iterable<string> {
  private items: readonly string[];

  constructor(items: Iterable<string> = NONE) {
    this.items = [...new Set(items)];
    if (this.items.length === 0) this.items = NONE;
  }

  get size(): number {
    return this.items.length;
  }

  has(item: string): boolean {
    return this.items.includes(item);
  }

  add(item: string): this {
    if (!this.items.includes(item)) this.items = [...this.items, item];
    return this;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.items[Symbol.iterator]();
  }
}

/** Keys and values interleaved in one array: [key0, value0, key1, value1, …], in insertion order. */
export class SmallMap<V> implements Iterable<[string, V]> {
  private pairs: readonly (string | V)[] = NONE;

  constructor(entries: Iterable<readonly [string, V]> = NONE) {
    for (const [key, value] of entries) this.set(key, value);
  }

  get size(): number {
    return this.pairs.length / 2;
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  get(key: string): V | undefined {
    const index = this.indexOf(key);
    return index < 0 ? undefined : (this.pairs[index + 1] as V);
  }

  set(key: string, value: V): this {
    const index = this.indexOf(key);
    if (index < 0) this.pairs = [...this.pairs, key, value];
    else (this.pairs as (string | V)[])[index + 1] = value;
    return this;
  }

  *entries(): Generator<[string, V]> {
    for (let i = 0; i < this.pairs.length; i += 2) yield [this.pairs[i] as string, this.pairs[i + 1] as V];
  }

  *values(): Generator<V> {
    for (let i = 1; i < this.pairs.length; i += 2) yield this.pairs[i] as V;
  }

  [Symbol.iterator](): Iterator<[string, V]> {
    return this.entries();
  }

  private indexOf(key: string): number {
    for (let i = 0; i < this.pairs.length; i += 2) if (this.pairs[i] === key) return i;
    return -1;
  }
}
