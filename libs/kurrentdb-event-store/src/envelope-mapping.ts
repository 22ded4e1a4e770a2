import { type EventData, jsonEvent, type JSONType, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '#libs/events';

/**
 * How our envelope sits in a KurrentDB event: type → event type, data → JSON data, our
 * metadata plus `schemaVersion` → JSON custom metadata, eventId → the event's uuid (which is
 * also what KurrentDB deduplicates retried appends on). Pure functions.
 */
type StoredMetadata = EventMetadata & { readonly schemaVersion: number };

export function toEventData(event: NewEvent): EventData {
  const metadata: StoredMetadata = { ...event.metadata, schemaVersion: event.schemaVersion };
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata });
}

/**
 * System records ($-prefixed types such as `$settings`, `$>` links, or $-prefixed streams)
 * belong to the server, not to our log.
 */
export function isSystemRecord(type: string, stream: string): boolean {
  return type.startsWith('$') || stream.startsWith('$');
}

/** Our RecordedEvent, or undefined for what is not one of ours (system records, links). */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || isSystemRecord(event.type, event.streamId)) return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error(`KurrentDB returned event ${event.id} without a position`);
  const { schemaVersion, ...metadata } = (event.metadata ?? {}) as Partial<StoredMetadata>;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: schemaVersion ?? 1,
    data: event.data,
    metadata: metadata as EventMetadata,
    stream: event.streamId,
    revision: Number(event.revision),
    position: BigInt(commit),
  };
}
