import type { RecordedEvent } from '#libs/events';
import type { WireOutcome } from './sqlite-writer.js';
import type { WireAppend } from './wire-batch.js';

/**
 * The events one committed batch wrote, as a reader of the file would get them (data and metadata
 * decoded from the very JSON text that was stored), in position order. The batch held the write
 * lock from `headBefore` on, so its inserted events must fill the positions after `headBefore`
 * without a gap; if they do not (something this code does not foresee), undefined: the caller
 * then leaves the subscriptions to read the file, as before.
 *
 * Appends answered from an earlier append of the same event ids (`inserted: false`) and failed
 * ones wrote nothing and give nothing.
 */
export function committedEvents(headBefore: bigint, appends: readonly WireAppend[], outcomes: readonly WireOutcome[]): RecordedEvent[] | undefined {
  const events: RecordedEvent[] = [];
  let next = headBefore + 1n;
  for (let i = 0; i < appends.length; i++) {
    const outcome = outcomes[i];
    if (!outcome || !('ok' in outcome) || !outcome.ok.inserted) continue;
    const { stream, events: wireEvents } = appends[i]!;
    const count = wireEvents.length;
    if (BigInt(outcome.ok.position) - BigInt(count) + 1n !== next) return undefined;
    const firstRevision = outcome.ok.revision - count + 1;
    for (let k = 0; k < count; k++) {
      const event = wireEvents[k]!;
      events.push({
        eventId: event.eventId,
        stream,
        revision: firstRevision + k,
        position: next,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.parse(event.data),
        metadata: JSON.parse(event.metadata),
      });
      next += 1n;
    }
  }
  return events;
}
