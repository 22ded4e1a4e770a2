import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/events';
import { RecentEvents } from './recent-events.js';

const at = (position: number): RecordedEvent => ({
  eventId: `e-${position}`,
  stream: 's',
  revision: position,
  position: BigInt(position),
  type: 'T',
  schemaVersion: 1,
  data: {},
  metadata: { org: 'o', actor: { userId: 'u', role: 'director' }, occurredAt: '', recordedAt: '', correlationId: 'c', causationId: null },
});
const positions = (events: readonly RecordedEvent[] | undefined) => events?.map((e) => Number(e.position));

describe('RecentEvents', () => {
  it('covers nothing until a page starts it, then serves what follows a covered checkpoint', () => {
    const recent = new RecentEvents(10);
    expect(recent.from(0n, 100)).toBeUndefined();
    recent.add(3n, [at(4), at(6), at(7)]);
    expect(positions(recent.from(3n, 100))).toEqual([4, 6, 7]);
    expect(positions(recent.from(5n, 100))).toEqual([6, 7]);
    expect(positions(recent.from(6n, 1))).toEqual([7]);
    // At the end of the range: covered, nothing newer yet (the caller reads the file).
    expect(recent.from(7n, 100)).toEqual([]);
    // Before the range or past it: not covered.
    expect(recent.from(2n, 100)).toBeUndefined();
    expect(recent.from(8n, 100)).toBeUndefined();
  });

  it('keeps only pages that continue the range, so no event in it can be missing', () => {
    const recent = new RecentEvents(10);
    recent.add(0n, [at(1), at(2)]);
    recent.add(5n, [at(6)]); // a subscriber ahead: a gap (3..5) would open
    expect(recent.from(5n, 100)).toBeUndefined();
    recent.add(1n, [at(2), at(3)]); // a subscriber behind the end: would repeat 2
    expect(positions(recent.from(0n, 100))).toEqual([1, 2]);
    recent.add(2n, [at(3), at(5)]);
    recent.add(5n, []);
    expect(positions(recent.from(0n, 100))).toEqual([1, 2, 3, 5]);
  });

  it('forgets the oldest events past its capacity and no longer covers their checkpoints', () => {
    const recent = new RecentEvents(3);
    recent.add(0n, [at(1), at(2), at(3), at(4), at(5)]);
    expect(recent.from(1n, 100)).toBeUndefined();
    expect(positions(recent.from(2n, 100))).toEqual([3, 4, 5]);
    recent.add(5n, [at(6)]);
    expect(recent.from(2n, 100)).toBeUndefined();
    expect(positions(recent.from(3n, 100))).toEqual([4, 5, 6]);
  });
});
