import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { chunked, jsonBody, jsonPieces } from './json-stream.js';

const text = (pieces: Iterable<string | Buffer>, chunkBytes?: number) => Buffer.concat([...chunked(pieces, chunkBytes)]).toString('utf8');

const summary = (i: number) => ({ groupId: `g-${i}`, name: i % 3 === 0 ? `Gruppe “Ärger” ${i} – 😀` : `Group ${i}`, n: i, meanChange: i % 4 === 0 ? null : -i / 7, effectSize: { d: 0.1 * i, ci95: [i, i + 0.5] }, skipped: undefined });

describe('jsonPieces', () => {
  const answers: Record<string, object> = {
    'breakdowns of many items, keys before and after them': { instrument: 'PHQ-9', n: 12, rates: { a: null, b: 0.25 }, byGroup: Array.from({ length: 123 }, (_, i) => summary(i)), byTherapist: Array.from({ length: 7 }, (_, i) => ({ therapistId: `t-${i}`, n: i })), asOf: '42' },
    'empty breakdowns': { byGroup: [], byTherapist: [], asOf: '0' },
    'undefined members and array items, as JSON.stringify treats them': { icc: undefined, byGroup: [1, undefined, () => 1, 'x'], fn: () => 1, byTherapist: 'not an array', last: undefined },
    'a streamed key first and last': { byGroup: [{ a: 1 }], byTherapist: [{ b: '\u2028 "quoted" \\ \n' }] },
    'nothing': {},
  };
  const keys = new Set(['byGroup', 'byTherapist']);

  it.each(Object.keys(answers))('gives the bytes of JSON.stringify: %s', (name) => {
    const answer = answers[name]!;
    for (const batch of [1, 2, 50, 1000]) {
      for (const chunkBytes of [1, 10, 64 * 1024]) expect(text(jsonPieces(answer, keys, batch), chunkBytes)).toBe(JSON.stringify(answer));
    }
  });

  it('writes each streamed item as mapItem turns it, other members untouched', () => {
    const answer = { n: 2, byGroup: [{ groupId: 'g' }], byTherapist: Array.from({ length: 5 }, (_, i) => ({ therapistId: `t-${i}` })) };
    const named = (key: string, item: unknown) => (key === 'byTherapist' ? { ...(item as object), therapistName: `T ${(item as { therapistId: string }).therapistId}` } : item);
    const expected = JSON.stringify({ ...answer, byTherapist: answer.byTherapist.map((t) => named('byTherapist', t)) });
    for (const batch of [1, 2, 50]) expect(text(jsonPieces(answer, keys, batch, named))).toBe(expected);
  });

  it('writes a streamed array a batch at a time', () => {
    const pieces = [...jsonPieces({ byGroup: Array.from({ length: 10 }, (_, i) => i) }, keys, 4)];
    expect(pieces).toEqual(['{', '"byGroup":[', '0,1,2,3', ',', '4,5,6,7', ',', '8,9', ']', '}']);
  });
});

describe('chunked', () => {
  it('packs text and bytes into chunks of at least chunkBytes (but the last), counting UTF-8 bytes', () => {
    const chunks = [...chunked(['ab', Buffer.from('cd'), 'é', 'f', Buffer.from('gh')], 3)];
    expect(chunks.map((c) => c.toString('utf8'))).toEqual(['abcd', 'éf', 'gh']); // 'é' is 2 bytes: with 'f', 3
  });

  it('gives a piece larger than a chunk a chunk of its own, text or bytes', () => {
    const long = 'ü'.repeat(40);
    const chunks = [...chunked(['a', long, Buffer.from('z'.repeat(50)), 'b'], 4)];
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`a${long}${'z'.repeat(50)}b`);
    expect(chunks.map((c) => c.length)).toEqual([1, 80, 50, 1]);
  });

  it('hands out bytes that later pieces do not overwrite', () => {
    const pieces = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? `piece ${i};` : Buffer.from(`bytes ${i};`)));
    const chunks = [...chunked(pieces, 16)];
    expect(chunks.length).toBeGreaterThan(50);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(pieces.map((p) => p.toString()).join(''));
  });
});

describe('jsonBody', () => {
  it('streams the pieces as JSON with its media type and the length given', async () => {
    const body = jsonBody(['{"a":', Buffer.from('[1,2]'), '}'], 11);
    expect(body.getHeaders()).toMatchObject({ type: 'application/json; charset=utf-8', length: 11 });
    const read: Buffer[] = [];
    for await (const chunk of body.getStream() as Readable) read.push(chunk as Buffer);
    expect(Buffer.concat(read).toString('utf8')).toBe('{"a":[1,2]}');
  });
});
