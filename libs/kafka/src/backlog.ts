/** Of a slice handed to the handler: its partition, the offset committed after it, and its fetch's high watermark. */
export interface FetchedSlice {
  readonly commit: { readonly partition: number; readonly offset: string };
  readonly payload: { readonly batch: { readonly highWatermark: string } };
}

/**
 * The messages of the slices' partitions after the slices, when they were fetched: each fetched
 * batch knows its partition's high watermark (the next offset to be written). Partitions that
 * are not in the slices are not counted, so it is a lower bound.
 */
export function backlogAfter(slices: readonly FetchedSlice[]): number {
  const next = new Map<number, { offset: bigint; highWatermark: bigint }>();
  for (const { commit, payload } of slices) {
    const offset = BigInt(commit.offset);
    const known = next.get(commit.partition);
    if (!known || offset > known.offset) next.set(commit.partition, { offset, highWatermark: BigInt(payload.batch.highWatermark) });
  }
  let backlog = 0n;
  for (const { offset, highWatermark } of next.values()) if (highWatermark > offset) backlog += highWatermark - offset;
  return Number(backlog);
}
