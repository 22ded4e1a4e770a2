import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { PositionWaiters } from '#libs/system';
import type { RecordedEvent } from '#libs/events';
import { type ReadModel, ReadPositions } from './read-positions.js';

/**
 * An in-memory read model that follows the event store from the start: applies each event,
 * tracks the position it reached, answers waitFor() for `?minPosition=`. When the store fails
 * (a KurrentDB outage), it resubscribes from where it stopped with backoff instead of
 * stopping for good. Subclasses inherit the constructor (and its DI metadata).
 */
@Injectable()
export abstract class StoreFollower implements OnApplicationBootstrap, OnApplicationShutdown, ReadModel {
  abstract readonly name: string;
  protected abstract apply(event: RecordedEvent): void;

  private readonly followerLogger = new Logger('StoreFollower');
  private reached = 0n;
  private readonly waiters = new PositionWaiters(() => this.reached);
  private readonly stop = new AbortController();
  private following: Promise<void> | null = null;

  constructor(
    protected readonly store: EventStore,
    positions: ReadPositions,
  ) {
    positions.register(this);
  }

  onApplicationBootstrap(): void {
    this.following = this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.following;
  }

  position(): bigint {
    return this.reached;
  }

  /** Resolves true once `position` is applied, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  private async follow(): Promise<void> {
    for (let attempt = 1; !this.stop.signal.aborted; attempt++) {
      try {
        for await (const event of this.store.subscribeAll({ after: this.reached, signal: this.stop.signal })) {
          this.apply(event);
          this.reached = event.position;
          attempt = 1;
          this.waiters.notify();
        }
      } catch (error) {
        const delay = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7));
        this.followerLogger.warn(`${this.name} lost the event store (${error instanceof Error ? error.message : String(error)}); resubscribing in ${delay} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    }
  }
}
