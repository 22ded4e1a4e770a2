import type { IHeaders } from 'kafkajs';
import { z } from 'zod';
import type { RecordedEvent } from '#libs/events';

/**
 * The wire format of an event on the topic: the RecordedEvent as JSON with `position` as a
 * decimal string (JSON has no 64-bit integers), keyed by stream id so one stream stays on one
 * partition and in order (ARCHITECTURE.md principle 4). Headers repeat what a consumer may want
 * without parsing the value (event id for idempotency, type for routing).
 */
export interface EncodedEvent {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

export const HEADER = {
  eventId: 'event-id',
  position: 'position',
  type: 'type',
  schemaVersion: 'schema-version',
} as const;

export function encodeEvent(event: RecordedEvent): EncodedEvent {
  return {
    key: event.stream,
    value: JSON.stringify({ ...event, position: event.position.toString() }),
    headers: {
      [HEADER.eventId]: event.eventId,
      [HEADER.position]: event.position.toString(),
      [HEADER.type]: event.type,
      [HEADER.schemaVersion]: String(event.schemaVersion),
    },
  };
}

const wireEvent = z.object({
  eventId: z.string().min(1),
  stream: z.string().min(1),
  revision: z.number().int().nonnegative(),
  position: z.string().regex(/^[0-9]+$/, 'position must be a decimal string'),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  data: z.unknown(),
  metadata: z.object({
    org: z.string(),
    actor: z.object({ userId: z.string(), role: z.string() }),
    occurredAt: z.string(),
    recordedAt: z.string(),
    correlationId: z.string(),
    causationId: z.string().nullable(),
  }),
});

export type DecodeResult = { readonly ok: true; readonly event: RecordedEvent } | { readonly ok: false; readonly reason: string };

/** Pure: never throws. A message that does not decode is a poison message (dead-letter it). */
export function decodeEvent(value: Buffer | string | null): DecodeResult {
  if (value === null) return { ok: false, reason: 'empty message value (tombstone)' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const parsed = wireEvent.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: `value is not a RecordedEvent: ${issues}` };
  }
  const { position, ...rest } = parsed.data;
  return { ok: true, event: { ...rest, position: BigInt(position) } };
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}
