import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Conflict } from '#libs/errors';
import type { NewEvent, RecordedEvent } from '#libs/events';
import type { EventStore } from '../event-store.port.js';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  /** Closes the store and removes what it wrote. */
  readonly dispose: () => Promise<void>;
}

export function newEvent(type = 'ThingHappened', data: unknown = { n: 1 }, eventId = randomUUID()): NewEvent {
  return {
    eventId,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      org: 'org-1',
      actor: { userId: 'user-1', role: 'director' },
      occurredAt: '2026-01-05T10:00:00.000Z',
      recordedAt: '2026-01-06T09:30:00.000Z',
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}

async function take(iterable: AsyncIterable<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of iterable) {
    out.push(event);
    if (out.length === count) break;
  }
  return out;
}

/** The one contract every EventStore adapter passes (ARCHITECTURE.md: a suite per port). */
export function eventStoreContract(adapterName: string, open: () => Promise<EventStoreUnderTest>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;
    const stream = () => `thing-${randomUUID()}`;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => subject.dispose());

    it('appends to a new stream and reads it back with the whole envelope', async () => {
      const s = stream();
      const events = [newEvent('A', { a: 1, nested: { list: [1, 2] } }), newEvent('B', { b: 'two' })];
      const result = await store.append(s, events, 'no_stream');
      expect(result.revision).toBe(1);
      const read = await store.readStream(s);
      expect(read.map((e) => e.revision)).toEqual([0, 1]);
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(read[0]).toMatchObject({ stream: s, type: 'A', schemaVersion: 1, data: events[0]!.data, metadata: events[0]!.metadata });
      expect(read[1]!.position).toBe(result.position);
      expect(read[0]!.position < read[1]!.position).toBe(true);
    });

    it('reads an unknown stream as empty', async () => {
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads a stream from a revision on (inclusive), for readers that hold the older part', async () => {
      const s = stream();
      const events = [newEvent('A'), newEvent('B'), newEvent('C')];
      await store.append(s, events, 'no_stream');
      const tail = await store.readStream(s, { fromRevision: 1 });
      expect(tail.map((e) => e.revision)).toEqual([1, 2]);
      expect(tail.map((e) => e.eventId)).toEqual([events[1]!.eventId, events[2]!.eventId]);
      expect(tail[0]).toMatchObject({ stream: s, type: 'B', data: events[1]!.data, metadata: events[1]!.metadata });
      expect((await store.readStream(s, { fromRevision: 0 })).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(await store.readStream(s, { fromRevision: 3 })).toEqual([]);
      expect(await store.readStream(stream(), { fromRevision: 2 })).toEqual([]);
      await store.append(s, [newEvent('D')], 2);
      expect((await store.readStream(s, { fromRevision: 3 })).map((e) => e.type)).toEqual(['D']);
    });

    it('rejects a wrong expected revision and appends nothing', async () => {
      const s = stream();
      await store.append(s, [newEvent()], 'no_stream');
      await expect(store.append(s, [newEvent()], 5)).rejects.toBeInstanceOf(Conflict);
      await expect(store.append(s, [newEvent()], 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      await expect(store.append(stream(), [newEvent()], 'stream_exists')).rejects.toBeInstanceOf(Conflict);
      expect(await store.readStream(s)).toHaveLength(1);
      await store.append(s, [newEvent()], 0);
      await store.append(s, [newEvent()], 'stream_exists');
      await store.append(s, [newEvent()], 'any');
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('lets exactly one of two racing appends with the same expectation win', async () => {
      const s = stream();
      await store.append(s, [newEvent()], 'no_stream');
      const outcomes = await Promise.allSettled([store.append(s, [newEvent()], 0), store.append(s, [newEvent()], 0)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('treats a re-append of the same event ids as a no-op with the original result', async () => {
      const s = stream();
      const events = [newEvent(), newEvent()];
      const first = await store.append(s, events, 'no_stream');
      const again = await store.append(s, events, 'no_stream');
      expect(again.revision).toBe(first.revision);
      expect(again.position).toBe(first.position);
      expect(await store.readStream(s)).toHaveLength(2);
      expect((await store.readAll()).filter((e) => e.stream === s)).toHaveLength(2);
    });

    it('reads all streams in global order from an exclusive position, with a limit', async () => {
      const before = await store.headPosition();
      const s1 = stream();
      const s2 = stream();
      const a = newEvent('A');
      const b = newEvent('B');
      const c = newEvent('C');
      await store.append(s1, [a], 'no_stream');
      await store.append(s2, [b], 'no_stream');
      await store.append(s1, [c], 0);
      const all = (await store.readAll({ after: before })).filter((e) => e.stream === s1 || e.stream === s2);
      expect(all.map((e) => e.eventId)).toEqual([a.eventId, b.eventId, c.eventId]);
      const afterFirst = await store.readAll({ after: all[0]!.position });
      expect(afterFirst.map((e) => e.eventId)).toContain(b.eventId);
      expect(afterFirst.map((e) => e.eventId)).not.toContain(a.eventId);
      expect(await store.readAll({ after: before, limit: 2 })).toHaveLength(2);
      expect(await store.headPosition()).toBe(all[2]!.position);
    });

    it('catches up from a checkpoint, then follows live appends until aborted', async () => {
      const s = stream();
      await store.append(s, [newEvent('Old')], 'no_stream');
      const checkpoint = await store.headPosition();
      await store.append(s, [newEvent('Caught1'), newEvent('Caught2')], 0);
      const controller = new AbortController();
      const received = take(store.subscribeAll({ after: checkpoint, signal: controller.signal }), 4);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.append(s, [newEvent('Live1')], 2);
      await store.append(s, [newEvent('Live2')], 3);
      const events = await received;
      controller.abort();
      expect(events.map((e) => e.type)).toEqual(['Caught1', 'Caught2', 'Live1', 'Live2']);
      expect(events.every((e, i) => i === 0 || events[i - 1]!.position < e.position)).toBe(true);
    });

    it('ends a subscription when its signal aborts', async () => {
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const done = (async () => {
        for await (const event of store.subscribeAll({ after: await store.headPosition(), signal: controller.signal })) seen.push(event);
      })();
      await new Promise((resolve) => setTimeout(resolve, 30));
      controller.abort();
      await expect(done).resolves.toBeUndefined();
      expect(seen).toEqual([]);
    });
  });
}
