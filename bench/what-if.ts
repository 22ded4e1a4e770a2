import type { NewEvent, RecordedEvent } from '#libs/events';
import { type AppendResult, EventStore, type ExpectedRevision, type ReadAllOptions, type ReadStreamOptions, type SubscribeAllOptions } from '#libs/event-store';

/**
 * What-if experiments for `http-writes.js --what-if=caches`: how fast the same api would be
 * with the two fixes the profile points at, without changing the api. Measurement aids only;
 * the real fixes belong in the api and libs (docs/benchmarks.md says which).
 */

/**
 * Keeps every stream this process has read or written in memory, so a write no longer re-reads
 * and re-decodes its whole stream from SQLite. Correct only while this process is the only
 * writer (embedded mode); an append whose revisions do not follow the cache drops the entry.
 */
export class StreamCachingStore extends EventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();

  constructor(private readonly inner: EventStore) {
    super();
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.inner.append(stream, events, expected);
    const cached = this.streams.get(stream);
    if (cached) {
      const firstRevision = result.revision - events.length + 1;
      if ((cached.at(-1)?.revision ?? -1) !== firstRevision - 1) this.streams.delete(stream);
      else
        events.forEach((event, i) => {
          const back = BigInt(events.length - 1 - i);
          cached.push({ ...event, stream, revision: firstRevision + i, position: result.position - back });
        });
    }
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    let cached = this.streams.get(stream);
    if (!cached) {
      cached = await this.inner.readStream(stream);
      this.streams.set(stream, cached);
    }
    return cached.slice(options.fromRevision ?? 0);
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

/**
 * Makes `new Intl.DateTimeFormat(locale, options)` reuse one formatter per argument set, as a
 * per-time-zone cache in libs/system `dateInTimeZone` would (building a formatter costs far more
 * than formatting with one).
 */
export function cacheDateTimeFormats(): void {
  const Original = Intl.DateTimeFormat;
  const cache = new Map<string, Intl.DateTimeFormat>();
  const Cached = function (locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
    const key = JSON.stringify([locales, options]);
    let format = cache.get(key);
    if (!format) {
      format = new Original(locales, options);
      cache.set(key, format);
    }
    return format;
  } as unknown as typeof Intl.DateTimeFormat;
  Object.assign(Cached, Original);
  Cached.supportedLocalesOf = Original.supportedLocalesOf;
  Intl.DateTimeFormat = Cached;
}
