/**
 * The verdicts already decided, per rule set, so a request at scale needs one statement instead
 * of two (docs/benchmarks.md, "dashboard endpoints", fifth pass): the per-group statistics join
 * the episodes' (baseline, latest) pairs to this table, and report how many episodes found no
 * verdict in it. Only then are the distinct pairs read and decided (#libs/instruments) and the
 * statistics read again. A verdict depends only on the pair and the rule set (`ruleKey`), so a
 * known one never goes stale; a pair seen for the first time is always caught by that count.
 */
export interface VerdictTable {
  readonly baselines: readonly number[];
  readonly latests: readonly number[];
  readonly flags: readonly number[];
}

/** More distinct pairs than this (scores with many fractions) are not kept: the table would cost more than the statement it saves. */
const MAX_PAIRS = 20_000;

/** One rule set's table, growing, and the pairs it holds. */
interface GrowingTable {
  readonly table: { baselines: number[]; latests: number[]; flags: number[] };
  readonly seen: Set<string>;
}

export class VerdictCache {
  private readonly tables = new Map<string, GrowingTable>();

  /** The verdicts known for `ruleKey` (empty when none). */
  tableFor(ruleKey: string): VerdictTable {
    return this.tables.get(ruleKey)?.table ?? { baselines: [], latests: [], flags: [] };
  }

  /** Decides the pairs not known yet and returns the grown table. */
  learn(ruleKey: string, pairs: readonly { baseline: number; latest: number }[], flagsOf: (baseline: number, latest: number) => number): VerdictTable {
    let entry = this.tables.get(ruleKey);
    if (!entry || entry.seen.size + pairs.length > MAX_PAIRS) {
      entry = { table: { baselines: [], latests: [], flags: [] }, seen: new Set() };
      this.tables.set(ruleKey, entry);
    }
    const { table, seen } = entry;
    for (const { baseline, latest } of pairs) {
      const key = `${baseline}|${latest}`;
      if (seen.has(key)) continue;
      seen.add(key);
      table.baselines.push(baseline);
      table.latests.push(latest);
      table.flags.push(flagsOf(baseline, latest));
    }
    return table;
  }
}
