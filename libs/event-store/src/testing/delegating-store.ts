import type { NewEvent, RecordedEvent } from '#libs/events';
import { type AppendResult, EventStore, type ExpectedRevision, type ReadAllOptions, type ReadStreamOptions, type SubscribeAllOptions } from '../event-store.port.js';

/**
 * A store that hands every call to `inner`: tests extend it and override only what they watch
 * or disturb (count appends, record reads, fail or interleave an append), the real store doing
 * the rest.
 */
export class DelegatingEventStore extends EventStore {
  constructor(protected readonly inner: EventStore) {
    super();
  }
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(stream, events, expected);
  }
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(stream, options);
  }
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }
  subscribeAll(options?: SubscribeAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.subscribeAll(options);
  }
  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
