import { describe, expect, it } from '@jest/globals';
import { committedEvents } from './committed-events.js';
import type { WireOutcome } from './sqlite-writer.js';
import type { WireAppend } from './wire-batch.js';

const wire = (stream: string, ...ids: string[]): WireAppend => ({
  stream,
  expected: 'any',
  events: ids.map((id) => ({ eventId: id, type: `T-${id}`, schemaVersion: 2, data: JSON.stringify({ id }), metadata: JSON.stringify({ org: 'o', by: id }) })),
});
const ok = (revision: number, position: number, inserted = true): WireOutcome => ({ ok: { revision, position: String(position), inserted } });

describe('committedEvents', () => {
  it('gives the inserted events of a batch in position order with revisions, types and decoded data', () => {
    const events = committedEvents(10n, [wire('a', 'a1', 'a2'), wire('b', 'b1')], [ok(5, 12), ok(0, 13)]);
    expect(events).toEqual([
      { eventId: 'a1', stream: 'a', revision: 4, position: 11n, type: 'T-a1', schemaVersion: 2, data: { id: 'a1' }, metadata: { org: 'o', by: 'a1' } },
      { eventId: 'a2', stream: 'a', revision: 5, position: 12n, type: 'T-a2', schemaVersion: 2, data: { id: 'a2' }, metadata: { org: 'o', by: 'a2' } },
      { eventId: 'b1', stream: 'b', revision: 0, position: 13n, type: 'T-b1', schemaVersion: 2, data: { id: 'b1' }, metadata: { org: 'o', by: 'b1' } },
    ]);
  });

  it('skips failed appends and appends answered from an earlier one (nothing written)', () => {
    const outcomes: WireOutcome[] = [{ conflict: { code: 'WRONG_EXPECTED_REVISION', message: '' } }, ok(3, 4, false), { error: 'x' }, ok(0, 11)];
    expect(committedEvents(10n, [wire('a', 'a1'), wire('b', 'b1'), wire('c', 'c1'), wire('d', 'd1')], outcomes)?.map((e) => e.eventId)).toEqual(['d1']);
  });

  it('gives nothing it cannot vouch for: a gap after headBefore or between appends is undefined', () => {
    expect(committedEvents(10n, [wire('a', 'a1')], [ok(0, 12)])).toBeUndefined();
    expect(committedEvents(10n, [wire('a', 'a1'), wire('b', 'b1')], [ok(0, 11), ok(0, 13)])).toBeUndefined();
  });

  it('gives an empty list for a batch that wrote nothing', () => {
    expect(committedEvents(10n, [wire('a', 'a1')], [ok(0, 3, false)])).toEqual([]);
  });
});
