import { EventEmitter } from 'node:events';
import type { EventStore } from '#libs/event-store';
import type { RecordedEvent } from '#libs/events';
import type { CheckpointStore, EventPublisher } from '#libs/pipeline';
import { type BatchBounds, batches } from './batches.js';
import { backoffDelay, sleep } from '#libs/system';

export interface RelayOptions {
  readonly store: EventStore;
  readonly publisher: EventPublisher;
  readonly checkpoints: CheckpointStore;
  /** Checkpoint name; one per relay pipeline. Default 'relay'. */
  readonly name?: string;
  /** Most events per publish. Default 500. */
  readonly maxBatchSize?: number;
  /** Longest an event waits for its batch to fill on the live tail. Default 20 ms. */
  readonly maxWaitMs?: number;
  /**
   * Send a batch of at least `minSize` events once the store had nothing more for `afterMs`,
   * instead of waiting out `maxWaitMs` (the end of a catch-up). Default: off.
   */
  readonly sendWhenIdle?: BatchBounds['sendWhenIdle'];
  /**
   * Publishes in flight at once (default 1). At 2 the next batch is read and published while
   * the previous publish is still running (with InProcessPipeline `maxBatchesInFlight` 2, the
   * projector projects it while the previous batch's inserts run). Checkpoints are still saved
   * in order, each only after its own publish and every earlier one resolved. A failed publish is
   * not retried in place: the batches behind it settle, then the relay subscribes again from the
   * checkpoint. Only with a publisher that fails every publish behind a failed one
   * (InProcessPipeline does; a Kafka producer could land a later batch before the retried one).
   */
  readonly maxPublishesInFlight?: number;
  /** Backoff between retries of a failed publish, checkpoint save or subscription. Default 100 ms doubling to 10 s. */
  readonly retryBackoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Told about every failure before the retry (log it, count it). */
  readonly onError?: (error: unknown, attempt: number) => void;
  /**
   * Test-only crash point (fault tests, test/e2e/faults): called after the transport acknowledged
   * a batch and before its checkpoint is saved, so a process that dies here re-sends that batch.
   */
  readonly onAfterPublish?: (batch: readonly RecordedEvent[]) => void;
}

/**
 * Event store → transport, at-least-once and in order (ARCHITECTURE.md principle 4):
 * load the checkpoint, subscribe to all events after it, publish them in bounded batches, and
 * store the checkpoint only after the publish resolved (broker ack, or the in-process handler).
 * A failed publish is retried with backoff, the same batch again: nothing is ever skipped, so a
 * crash at any point means events are sent again, never lost (receivers are idempotent by event id).
 */
export class Relay {
  private readonly name: string;
  private readonly backoff: { initialMs: number; maxMs: number };
  private checkpoint = 0n;
  private readonly progress = new EventEmitter();
  private controller: AbortController | undefined;
  /** Settles when stop() is called; raced against each publish so stopping never waits on one. */
  private stopped: Promise<'stopped'> = Promise.resolve('stopped');
  private loop: Promise<void> | undefined;

  constructor(private readonly options: RelayOptions) {
    this.name = options.name ?? 'relay';
    this.backoff = options.retryBackoff ?? { initialMs: 100, maxMs: 10_000 };
    this.progress.setMaxListeners(0);
  }

  /** Last position the transport acknowledged and the checkpoint holds (for lag metrics). */
  position(): bigint {
    return this.checkpoint;
  }

  /** Loads the checkpoint and starts relaying in the background. */
  async start(): Promise<void> {
    if (this.loop) throw new Error('Relay already started');
    this.controller = new AbortController();
    const signal = this.controller.signal;
    this.stopped = new Promise((resolve) => signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
    this.checkpoint = await this.options.checkpoints.load(this.name);
    this.loop = this.relayUntilStopped(signal);
  }

  /** Stops reading, abandons a publish in flight (its batch is sent again on the next start). */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.controller = undefined;
    this.progress.emit('progress');
  }

  /** Resolves once everything up to `position` was published and checkpointed (tests, readiness). */
  reached(position: bigint, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.checkpoint >= position) done(resolve);
        else if (signal?.aborted) done(() => reject(signal.reason));
      };
      const done = (settle: () => void) => {
        this.progress.off('progress', check);
        signal?.removeEventListener('abort', check);
        settle();
      };
      this.progress.on('progress', check);
      signal?.addEventListener('abort', check, { once: true });
      check();
    });
  }

  private async relayUntilStopped(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt += 1) {
      try {
        const bounds = { maxSize: this.options.maxBatchSize ?? 500, maxWaitMs: this.options.maxWaitMs ?? 20, sendWhenIdle: this.options.sendWhenIdle };
        const progressed = () => (attempt = 1);
        const relayed = (this.options.maxPublishesInFlight ?? 1) > 1 ? await this.relayOverlapped(bounds, signal, progressed) : await this.relayOneByOne(bounds, signal, progressed);
        if (!relayed) return;
        // A subscription that ends without being stopped is resubscribed, after a pause.
        if (!signal.aborted) await sleep(backoffDelay(attempt, this.backoff), signal);
      } catch (error) {
        // The subscription failed (store unreachable), or a publish with others in flight: subscribe again from the checkpoint.
        if (signal.aborted) return;
        this.options.onError?.(error, attempt);
        await sleep(backoffDelay(attempt, this.backoff), signal);
      }
    }
  }

  /** Publish, checkpoint, read the next batch. False when stopped. */
  private async relayOneByOne(bounds: BatchBounds, signal: AbortSignal, progressed: () => void): Promise<boolean> {
    const events = this.options.store.subscribeAll({ after: this.checkpoint, signal });
    for await (const batch of batches(events, bounds)) {
      if (!(await this.retrying(() => this.options.publisher.publish(batch), signal))) return false;
      if (!(await this.checkpointed(batch, signal))) return false;
      progressed();
    }
    return true;
  }

  /**
   * Up to `maxPublishesInFlight` publishes at once; checkpoints saved in order as they resolve.
   * False when stopped; throws the first publish error once every publish in flight settled.
   */
  private async relayOverlapped(bounds: BatchBounds, signal: AbortSignal, progressed: () => void): Promise<boolean> {
    const limit = this.options.maxPublishesInFlight!;
    // Ends the subscription when a publish fails, so a live tail with no new event does not wait.
    const subscription = new AbortController();
    const stopReading = () => subscription.abort();
    signal.addEventListener('abort', stopReading, { once: true });
    let failure: { error: unknown } | undefined;
    let inFlight = 0;
    let slotFreed: () => void = () => undefined;
    let checkpoints: Promise<'ok' | 'stopped' | 'failed'> = Promise.resolve('ok');
    try {
      const events = this.options.store.subscribeAll({ after: this.checkpoint, signal: subscription.signal });
      for await (const batch of batches(events, bounds)) {
        while (inFlight >= limit && !failure && !signal.aborted) await new Promise<void>((resolve) => (slotFreed = resolve));
        if (failure || signal.aborted) break;
        inFlight++;
        const published = Promise.race([this.options.publisher.publish(batch).then(() => 'done' as const), this.stopped]);
        const earlier = checkpoints;
        checkpoints = (async () => {
          const outcome = await published.catch((error: unknown) => {
            failure ??= { error };
            stopReading();
            return 'failed' as const;
          });
          const before = await earlier;
          if (before !== 'ok') return before;
          if (outcome !== 'done') return outcome;
          if (!(await this.checkpointed(batch, signal))) return 'stopped';
          progressed();
          return 'ok';
        })().finally(() => {
          inFlight--;
          slotFreed();
        });
      }
      const last = await checkpoints;
      if (failure) throw failure.error;
      return last !== 'stopped' && !signal.aborted;
    } finally {
      signal.removeEventListener('abort', stopReading);
      // Wait for what is in flight (an abandoned publish is not awaited: `stopped` settled it).
      await checkpoints.catch(() => undefined);
    }
  }

  /** After the transport acknowledged `batch`: its checkpoint (retried until saved). False when stopped first. */
  private async checkpointed(batch: readonly RecordedEvent[], signal: AbortSignal): Promise<boolean> {
    this.options.onAfterPublish?.(batch);
    const last = batch[batch.length - 1]!.position;
    if (!(await this.retrying(() => this.options.checkpoints.save(this.name, last), signal))) return false;
    this.checkpoint = last;
    this.progress.emit('progress');
    return true;
  }

  /** Runs `action` until it succeeds; false when stopped first (an in-flight attempt is abandoned). */
  private async retrying(action: () => Promise<void>, signal: AbortSignal): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      if (signal.aborted) return false;
      try {
        const outcome = action().then(() => 'done' as const);
        // An abandoned attempt may still fail later: that must not surface as an unhandled rejection.
        outcome.catch(() => undefined);
        return (await Promise.race([outcome, this.stopped])) === 'done';
      } catch (error) {
        if (signal.aborted) return false;
        this.options.onError?.(error, attempt);
        await sleep(backoffDelay(attempt, this.backoff), signal);
      }
    }
  }
}
