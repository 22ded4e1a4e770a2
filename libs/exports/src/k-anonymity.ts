import { MAX_SUPPRESSED_SHARE } from './policy.js';
import { classKey, generalize, type Generalization, LADDER, type QuasiIdentifiers } from './quasi-identifiers.js';

export interface KAnonymityResult<T> {
  /** The rows kept, each with its published (generalized) quasi-identifiers, in input order. */
  readonly kept: readonly { readonly row: T; readonly published: QuasiIdentifiers }[];
  readonly suppressed: readonly T[];
  readonly level: Generalization;
  /** Kept rows whose published quasi-identifiers differ from their original ones. */
  readonly rowsGeneralized: number;
}

function suppressedAt<T>(rows: readonly T[], qiOf: (row: T) => QuasiIdentifiers, level: Generalization, k: number): number {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = classKey(generalize(qiOf(row), level));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  let suppressed = 0;
  for (const size of sizes.values()) if (size < k) suppressed += size;
  return suppressed;
}

/**
 * k-anonymity by generalization first, suppression last (PRIVACY.md): the first level of the
 * ladder whose small classes hold at most MAX_SUPPRESSED_SHARE of the rows (else the level
 * with the fewest, the earliest on ties), then every class still smaller than k is
 * suppressed. Every class of the result has at least k rows. Pure and deterministic.
 */
export function kAnonymize<T>(rows: readonly T[], qiOf: (row: T) => QuasiIdentifiers, k: number, maxShare = MAX_SUPPRESSED_SHARE): KAnonymityResult<T> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  let chosen = LADDER[LADDER.length - 1]!;
  let fewest = Number.POSITIVE_INFINITY;
  for (const level of LADDER) {
    const suppressed = suppressedAt(rows, qiOf, level, k);
    if (suppressed <= maxShare * rows.length) {
      chosen = level;
      break;
    }
    if (suppressed < fewest) {
      fewest = suppressed;
      chosen = level;
    }
  }
  const published = rows.map((row) => generalize(qiOf(row), chosen));
  const sizes = new Map<string, number>();
  for (const qi of published) sizes.set(classKey(qi), (sizes.get(classKey(qi)) ?? 0) + 1);
  const kept: { row: T; published: QuasiIdentifiers }[] = [];
  const suppressed: T[] = [];
  let rowsGeneralized = 0;
  rows.forEach((row, i) => {
    const qi = published[i]!;
    if ((sizes.get(classKey(qi)) ?? 0) < k) {
      suppressed.push(row);
      return;
    }
    kept.push({ row, published: qi });
    if (classKey(qi) !== classKey(qiOf(row))) rowsGeneralized++;
  });
  return { kept, suppressed, level: chosen, rowsGeneralized };
}
