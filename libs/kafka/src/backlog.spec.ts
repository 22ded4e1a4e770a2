import { describe, expect, it } from '@jest/globals';
import { backlogAfter, type FetchedSlice } from './backlog.js';

const slice = (partition: number, nextOffset: number, highWatermark: number): FetchedSlice => ({
  commit: { partition, offset: String(nextOffset) },
  payload: { batch: { highWatermark: String(highWatermark) } },
});

describe('backlogAfter', () => {
  it('adds up what each partition holds after its last slice', () => {
    expect(backlogAfter([slice(0, 7, 20), slice(1, 7, 7), slice(2, 3, 10)])).toBe(13 + 0 + 7);
  });

  it('counts a partition once, after its latest slice', () => {
    expect(backlogAfter([slice(0, 7, 20), slice(0, 14, 20)])).toBe(6);
    expect(backlogAfter([slice(0, 14, 20), slice(0, 7, 20)])).toBe(6);
  });

  it('is 0 when the slices reach their partitions’ ends, and for no slice', () => {
    expect(backlogAfter([slice(0, 20, 20), slice(1, 5, 5)])).toBe(0);
    expect(backlogAfter([])).toBe(0);
  });
});
