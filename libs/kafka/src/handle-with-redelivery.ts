import { PoisonMessage } from '#libs/errors';
import type { RecordedEvent } from '#libs/events';
import type { BatchContext, BatchHandler, DeadLetterSink } from '#libs/pipeline';
import { backoffDelay, sleep } from '#libs/system';

export interface RedeliveryContext {
  readonly handler: BatchHandler;
  readonly deadLetters: DeadLetterSink;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly onHandlerError?: (error: unknown, attempt: number) => void;
  /** True when the consumer stops or lost the partition: give up without committing. */
  readonly stopped: () => boolean;
  readonly signal: AbortSignal;
  /** Keeps the group membership during a long redelivery; throws when the group rebalances. */
  readonly heartbeat: () => Promise<void>;
  /** Handed to the handler with the whole batch (not with the single events of a poison hunt). */
  readonly batch?: BatchContext;
}

/**
 * Hands `events` to the handler until it resolves (true), redelivering the same batch after a
 * backoff when it throws; false when the consumer stopped first (nothing may be committed then).
 * If the group rebalances meanwhile, `heartbeat` throws: kafkajs re-joins and the partition's next
 * owner starts from the last commit, so the batch is redelivered there.
 */
export async function handleWithRedelivery(events: RecordedEvent[], context: RedeliveryContext): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await context.handler(events, context.batch);
      return true;
    } catch (error) {
      if (error instanceof PoisonMessage) return isolatePoison(events, error, context);
      context.onHandlerError?.(error, attempt);
    }
    await sleep(backoffDelay(attempt, context.backoff), context.signal);
    if (context.stopped()) return false;
    await context.heartbeat();
  }
}

/**
 * The handler says an event can never be projected (PoisonMessage). Hand the batch over one
 * event at a time, in order, so only the event that throws alone is dead-lettered and the rest
 * of the partition goes on (ARCHITECTURE.md principle 8). The handler may have applied part of
 * the batch before it threw: receivers are idempotent by event id.
 */
async function isolatePoison(events: RecordedEvent[], error: PoisonMessage, context: RedeliveryContext): Promise<boolean> {
  if (events.length === 1) {
    await context.deadLetters.send({ reason: error.reason, event: events[0], key: events[0]!.stream });
    return true;
  }
  const single = { ...context, batch: undefined };
  for (const event of events) {
    if (!(await handleWithRedelivery([event], single))) return false;
  }
  return true;
}
