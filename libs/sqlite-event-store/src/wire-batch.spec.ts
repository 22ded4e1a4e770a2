import { describe, expect, it } from '@jest/globals';
import { FIELD_SEPARATOR, type WireAppend, decodeBatch, encodeAppend } from './wire-batch.js';

const appends: WireAppend[] = [
  {
    stream: 'group-1',
    expected: 4,
    events: [
      { eventId: 'e-1', type: 'SessionScheduled', schemaVersion: 1, data: JSON.stringify({ date: '2026-01-01', note: 'a\u0000b\n"c"' }), metadata: JSON.stringify({ org: 'o' }) },
      { eventId: 'e-2', type: 'AttendanceRecorded', schemaVersion: 2, data: JSON.stringify({ name: 'Zoë 😀 مرحبا' }), metadata: '{}' },
    ],
  },
  // Names a client could choose: a NUL, quotes and non-Latin text in the stream, id and type.
  { stream: 'weird\u0000stream "x"', expected: 'no_stream', events: [{ eventId: 'id\u0000\u0001', type: 'T\u0000', schemaVersion: 1, data: 'null', metadata: '"m"' }] },
  { stream: 's', expected: 'any', events: [{ eventId: 'e-3', type: 'T', schemaVersion: 1, data: '[]', metadata: '{}' }] },
  { stream: 's', expected: 'stream_exists', events: [{ eventId: 'e-4', type: 'T', schemaVersion: 1, data: '""', metadata: '{}' }] },
];

describe('the batch text sent to the writer thread', () => {
  it('round-trips every field of every append and event, whatever characters they hold', () => {
    const text = appends.map(encodeAppend).join(FIELD_SEPARATOR);
    expect(decodeBatch(text)).toEqual(appends);
  });

  it('round-trips a batch of one append', () => {
    expect(decodeBatch(encodeAppend(appends[0]!))).toEqual([appends[0]]);
  });

  it('refuses an event whose data did not become JSON text (JSON.stringify(undefined))', () => {
    const bad = { stream: 's', expected: 'any', events: [{ eventId: 'e', type: 'T', schemaVersion: 1, data: undefined as unknown as string, metadata: '{}' }] } satisfies WireAppend;
    expect(() => encodeAppend(bad)).toThrow(/JSON/);
  });

  it('decodes with nothing but its own body (it is sent to the worker as source text)', () => {
    const isolated = new Function(`return (${decodeBatch.toString()})`)() as typeof decodeBatch;
    expect(isolated(appends.map(encodeAppend).join(FIELD_SEPARATOR))).toEqual(appends);
  });
});
