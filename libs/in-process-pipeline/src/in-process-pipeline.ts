import { DependencyUnavailable, PoisonMessage } from '#libs/errors';
import type { RecordedEvent } from '#libs/events';
import { type BatchHandler, type DeadLetterSink, EventConsumer, EventPublisher } from '#libs/pipeline';

interface Delivery {
  readonly events: readonly RecordedEvent[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface InProcessPipelineOptions {
  /** Most events per handler call; a bigger publish is split. Default 1000 (bounds one insert). */
  readonly maxBatchSize?: number;
  /**
   * Where an event goes that the handler rejects with PoisonMessage (then the batch is handed
   * over one event at a time to find it, and publish resolves). Without it, PoisonMessage
   * rejects publish like any other error, and the relay retries forever.
   */
  readonly deadLetters?: DeadLetterSink;
}

/**
 * The embedded transport (ARCHITECTURE.md "Embedded default"): the relay's publish hands the
 * batch straight to the projector's handler in the same process and resolves only after the
 * handler resolved, so the relay stores its checkpoint after the projector's insert, which is
 * the same guarantee the Kafka path gives with broker acks + commit-after-insert.
 *
 * - One delivery at a time, in publish order (per-stream order, and total order too).
 * - No consumer running yet: publish waits for one (start order of the modules does not matter).
 * - The handler throws: publish rejects with that error (so do publishes queued behind it, which
 *   must not overtake it) and the relay retries the same batch (redelivery).
 * - close(): pending and later publishes reject with DependencyUnavailable (shutdown).
 *
 * Register it for both tokens: `{ provide: EventPublisher, useExisting: InProcessPipeline }`
 * and `{ provide: EventConsumer, useExisting: InProcessPipeline }`.
 */
export class InProcessPipeline extends EventPublisher implements EventConsumer {
  private readonly queue: Delivery[] = [];
  private handler: BatchHandler | undefined;
  private delivering = false;
  private closed = false;
  private readonly maxBatchSize: number;
  private readonly deadLetters: DeadLetterSink | undefined;

  constructor(options: InProcessPipelineOptions = {}) {
    super();
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.deadLetters = options.deadLetters;
  }

  publish(events: readonly RecordedEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    if (events.length === 0) return Promise.resolve();
    const chunks: Promise<void>[] = [];
    for (let start = 0; start < events.length; start += this.maxBatchSize) {
      const chunk = events.slice(start, start + this.maxBatchSize);
      chunks.push(new Promise<void>((resolve, reject) => this.queue.push({ events: chunk, resolve, reject })));
    }
    this.pump();
    return Promise.all(chunks).then(() => undefined);
  }

  async run(handler: BatchHandler, signal: AbortSignal): Promise<void> {
    if (this.handler) throw new Error('InProcessPipeline: a consumer is already running');
    if (signal.aborted || this.closed) return;
    this.handler = handler;
    this.pump();
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.handler = undefined;
    await this.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const delivery of this.queue.splice(0)) delivery.reject(closedError());
    await this.idle();
  }

  /** Delivers queued batches one after the other while a handler is registered. */
  private pump(): void {
    if (this.delivering || !this.handler) return;
    const next = this.queue.shift();
    if (!next) return;
    this.delivering = true;
    const handler = this.handler;
    this.deliver(handler, next.events)
      .then(next.resolve, (error: unknown) => {
        next.reject(error);
        // What was queued behind a failed batch must not overtake its redelivery: fail it too.
        for (const delivery of this.queue.splice(0)) delivery.reject(error);
      })
      .finally(() => {
        this.delivering = false;
        this.idleWaiters.splice(0).forEach((wake) => wake());
        this.pump();
      });
  }

  /** Isolates and dead-letters an event the handler rejects as poison (ARCHITECTURE.md principle 8). */
  private async deliver(handler: BatchHandler, events: readonly RecordedEvent[]): Promise<void> {
    try {
      await handler(events);
    } catch (error) {
      if (!(error instanceof PoisonMessage) || !this.deadLetters) throw error;
      if (events.length === 1) {
        await this.deadLetters.send({ reason: error.reason, event: events[0], key: events[0]!.stream });
        return;
      }
      for (const event of events) await this.deliver(handler, [event]);
    }
  }

  private readonly idleWaiters: Array<() => void> = [];

  /** Resolves when no handler call is in progress. */
  private idle(): Promise<void> {
    return this.delivering ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }
}

function closedError(): DependencyUnavailable {
  return new DependencyUnavailable('in-process pipeline', 'closed: the process is shutting down', 0);
}
