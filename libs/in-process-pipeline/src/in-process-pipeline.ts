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
  /**
   * Handler calls that may run at once (default 1). At 2 the next queued batch is handed over
   * while the previous call still runs, so a handler that overlaps its own calls (the Projector
   * projects batch n+1 while batch n's inserts run, and writes in call order) keeps the JS thread
   * busy during the inserts. Publishes still resolve in order, each only after its own call and
   * every earlier publish resolved (a call's slot frees when its publish settled); once a call fails, nothing new is handed over until the calls
   * in flight settled, and their publishes and the queued ones reject. Only for a handler that
   * writes in call order and fails the calls behind a failed one (Projector.handleBatch).
   */
  readonly maxBatchesInFlight?: number;
}

/** How a delivery's publish ended: `failed` holds the error of the first failed delivery up to it. */
interface Outcome {
  readonly failed?: { readonly error: unknown };
}

/**
 * The embedded transport (ARCHITECTURE.md "Embedded default"): the relay's publish hands the
 * batch straight to the projector's handler in the same process and resolves only after the
 * handler resolved, so the relay stores its checkpoint after the projector's insert, which is
 * the same guarantee the Kafka path gives with broker acks + commit-after-insert.
 *
 * - One delivery at a time (or `maxBatchesInFlight`), in publish order (per-stream order, and total order too).
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
  /** Per handler call in flight, oldest first: settles when the call's first handler call did. */
  private readonly firstCalls: Promise<void>[] = [];
  private inFlight = 0;
  /** The newest delivery's outcome: the next publish resolves only after it. */
  private previous: Promise<Outcome> = Promise.resolve({});
  /** Set from a failed call until the calls in flight settled: nothing new is handed over meanwhile. */
  private failure: { readonly error: unknown } | undefined;
  private closed = false;
  private readonly maxBatchSize: number;
  private readonly maxInFlight: number;
  private readonly deadLetters: DeadLetterSink | undefined;

  constructor(options: InProcessPipelineOptions = {}) {
    super();
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.maxInFlight = Math.max(1, options.maxBatchesInFlight ?? 1);
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

  /** Hands queued batches over in order, up to `maxBatchesInFlight` at once, while a handler is registered. */
  private pump(): void {
    while (!this.failure && this.inFlight < this.maxInFlight && this.handler) {
      const next = this.queue.shift();
      if (!next) return;
      this.inFlight++;
      const earlier = this.previous;
      let firstCallSettled!: () => void;
      const firstCall = new Promise<void>((resolve) => (firstCallSettled = resolve));
      this.firstCalls.push(firstCall);
      const own = this.deliver(this.handler, next.events, firstCall, firstCallSettled).then(
        (): Outcome => ({}),
        (error: unknown): Outcome => {
          this.fail(error);
          return { failed: { error } };
        },
      );
      // In order: a publish settles after every earlier one, and fails when an earlier one failed.
      const outcome = Promise.all([earlier, own]).then(([before, mine]) => (before.failed ? before : mine));
      this.previous = outcome;
      void outcome.then(({ failed }) => {
        if (failed) next.reject(failed.error);
        else next.resolve();
        this.firstCalls.splice(this.firstCalls.indexOf(firstCall), 1);
        if (--this.inFlight === 0) {
          // Everything handed over has settled: a redelivery starts afresh.
          this.failure = undefined;
          this.previous = Promise.resolve({});
          this.idleWaiters.splice(0).forEach((wake) => wake());
        }
        this.pump();
      });
    }
  }

  /** What was queued behind a failed batch must not overtake its redelivery: fail it too. */
  private fail(error: unknown): void {
    this.failure ??= { error };
    for (const delivery of this.queue.splice(0)) delivery.reject(error);
  }

  /**
   * Isolates and dead-letters an event the handler rejects as poison (ARCHITECTURE.md principle
   * 8), after the calls handed over behind it settled (they fail: they must not interleave with
   * the one-event calls).
   */
  private async deliver(handler: BatchHandler, events: readonly RecordedEvent[], firstCall: Promise<void>, firstCallSettled: () => void): Promise<void> {
    try {
      await handler(events);
      firstCallSettled();
    } catch (error) {
      firstCallSettled();
      if (!(error instanceof PoisonMessage) || !this.deadLetters) throw error;
      await Promise.all(this.firstCalls.slice(this.firstCalls.indexOf(firstCall) + 1));
      await this.isolate(handler, events, error);
    }
  }

  /** `events` were rejected as poison: dead-letter the one event, or hand them over one by one. */
  private async isolate(handler: BatchHandler, events: readonly RecordedEvent[], error: PoisonMessage): Promise<void> {
    if (events.length === 1) {
      await this.deadLetters!.send({ reason: error.reason, event: events[0], key: events[0]!.stream });
      return;
    }
    for (const event of events) {
      try {
        await handler([event]);
      } catch (single) {
        if (!(single instanceof PoisonMessage)) throw single;
        await this.isolate(handler, [event], single);
      }
    }
  }

  private readonly idleWaiters: Array<() => void> = [];

  /** Resolves when no handler call is in progress. */
  private idle(): Promise<void> {
    return this.inFlight > 0 ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }
}

function closedError(): DependencyUnavailable {
  return new DependencyUnavailable('in-process pipeline', 'closed: the process is shutting down', 0);
}
