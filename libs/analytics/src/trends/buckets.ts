/** Calendar buckets of the trends chart: weeks start on Monday (ISO 8601), months on the 1st. */
export type Bucket = 'week' | 'month';

export interface BucketValues {
  readonly mean: number | null;
  readonly n: number;
  readonly milestones: number;
}

/** The bucket after `start` (`YYYY-MM-DD`, itself a bucket start). */
export function nextBucket(start: string, bucket: Bucket): string {
  const date = new Date(`${start}T00:00:00Z`);
  if (bucket === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + 1, 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Every bucket from the first to the last one that has data, in order; a bucket without data
 * is `{mean: null, n: 0, milestones: 0}`, so a chart shows the gap instead of joining over it.
 */
export function fillBuckets(values: ReadonlyMap<string, BucketValues>, bucket: Bucket): ({ bucket: string } & BucketValues)[] {
  if (values.size === 0) return [];
  const starts = [...values.keys()].sort();
  const last = starts[starts.length - 1]!;
  const items: ({ bucket: string } & BucketValues)[] = [];
  for (let start = starts[0]!; start <= last; start = nextBucket(start, bucket)) {
    items.push({ bucket: start, ...(values.get(start) ?? { mean: null, n: 0, milestones: 0 }) });
  }
  return items;
}
