import { describe, expect, it } from '@jest/globals';
import { recordedEvents } from '#testing/kafka';
import { decodeEvent, encodeEvent } from './event-codec.js';
import { backoffDelay } from '#libs/system';
import { isBrokerUnavailable, toDomainError } from './kafka-errors.js';
import { DependencyUnavailable } from '#libs/errors';

describe('event codec', () => {
  const [event] = recordedEvents(['group-1'], 1);

  it('round-trips a RecordedEvent, position as a decimal string on the wire', () => {
    const encoded = encodeEvent({ ...event!, position: 9007199254740993n });
    expect(encoded.key).toBe('group-1');
    expect(JSON.parse(encoded.value).position).toBe('9007199254740993');
    expect(encoded.headers).toEqual({ 'event-id': event!.eventId, position: '9007199254740993', type: event!.type, 'schema-version': '1' });
    expect(decodeEvent(Buffer.from(encoded.value))).toEqual({ ok: true, event: { ...event!, position: 9007199254740993n } });
  });

  it('answers a reason, never throws, for what is not an event', () => {
    expect(decodeEvent(Buffer.from('{nope'))).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(decodeEvent(null)).toMatchObject({ ok: false });
    const noPosition = JSON.stringify({ ...event!, position: 12 });
    expect(decodeEvent(noPosition)).toMatchObject({ ok: false, reason: expect.stringContaining('position') });
  });
});

describe('kafka error translation', () => {
  it('maps broker-unavailable errors to DependencyUnavailable and leaves the rest', () => {
    const down = Object.assign(new Error('Connection error: ECONNREFUSED'), { name: 'KafkaJSConnectionError', retriable: true });
    expect(isBrokerUnavailable(down)).toBe(true);
    expect(toDomainError(down, 'publishing')).toBeInstanceOf(DependencyUnavailable);
    const other = new TypeError('bug');
    expect(toDomainError(other, 'publishing')).toBe(other);
  });
});

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, { initialMs: 100, maxMs: 500 }))).toEqual([100, 200, 400, 500, 500]);
  });
});
