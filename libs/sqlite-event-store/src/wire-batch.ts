import type { ExpectedRevision } from '#libs/event-store';

/** One event as it crosses to the writer: data and metadata already JSON text. */
export interface WireEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
}

/** One append as it crosses to the writer. */
export interface WireAppend {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly WireEvent[];
}

/**
 * A batch crosses to the writer thread as ONE string instead of an array of objects: a structured
 * clone walks every object and property of every event (postMessage was 7 % of the api's main
 * thread at 2,000 writes/s, docs/benchmarks.md), while a string is copied in one piece.
 *
 * Layout: fields separated by NUL. Per append, a JSON header `[stream, expected, [[eventId, type,
 * schemaVersion], ...]]`, then each event's data and metadata JSON. Every field is JSON text made
 * by JSON.stringify, which escapes every control character in strings, so no field contains a raw
 * NUL and the split is unambiguous (https://tc39.es/ecma262/#sec-quotejsonstring).
 */
export const FIELD_SEPARATOR = '\u0000';

/** The segment of one append; segments of one batch are joined with FIELD_SEPARATOR. */
export function encodeAppend(append: WireAppend): string {
  const header = JSON.stringify([append.stream, append.expected, append.events.map((e) => [e.eventId, e.type, e.schemaVersion])]);
  let text = header;
  for (const event of append.events) {
    if (typeof event.data !== 'string' || typeof event.metadata !== 'string') throw new TypeError(`Event ${event.eventId}: data and metadata must be JSON values.`);
    text += FIELD_SEPARATOR + event.data + FIELD_SEPARATOR + event.metadata;
  }
  return text;
}

/**
 * The inverse of joining encodeAppend's segments. It runs inside the writer thread as eval code
 * (its source is sent along, sqlite-writer.ts), so it must stay self-contained: no imports, no
 * names from outside its body.
 */
export function decodeBatch(text: string): WireAppend[] {
  const fields = text.split('\u0000');
  const appends: WireAppend[] = [];
  let i = 0;
  while (i < fields.length) {
    const [stream, expected, heads] = JSON.parse(fields[i++]!) as [string, ExpectedRevision, [string, string, number][]];
    const events: WireEvent[] = [];
    for (const [eventId, type, schemaVersion] of heads) events.push({ eventId, type, schemaVersion, data: fields[i++]!, metadata: fields[i++]! });
    appends.push({ stream, expected, events });
  }
  return appends;
}
