import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { PositionWaiters } from '#libs/system';
import type { RecordedEvent } from '#libs/events';
import { type ReadModel, ReadPositions } from './read-positions.js';
import { FollowerSnapshots } from './follower-snapshots.js';
import type { SnapshotPoint } from './snapshot-files.js';

/**
 * An in-memory read model that follows the event store from the start: applies each event,
 * tracks the position it reached, answers waitFor() for `?minPosition=`. When the store fails
 * (a KurrentDB outage), it resubscribes from where it stopped with backoff instead of
 * stopping for good. Subclasses inherit the constructor (and its DI metadata).
 *
 * With FollowerSnapshots (embedded mode), a subclass that defines `snapshotVersion` and the
 * three state hooks starts from its last snapshot and follows from the position it reflects
 * instead of replaying the log from 0; it saves one every `everyEvents` events, when asked
 * (`snapshotSoon`, e.g. after an erasure) and at shutdown, always between two events. A
 * missing, unreadable or older-version snapshot, or one of another log, means a replay from 0.
 */
/**
 * Events applied between two turns of the event loop. Following is a chain of microtasks (the
 * store's pages are decoded synchronously), so a long catch-up (a first start over 10 M events
 * replays for minutes) would otherwise starve timers and sockets: /health, the alerts reactor and
 * the other followers would wait until it reached the head.
 */
export const EVENTS_PER_TURN = 500;

@Injectable()
export abstract class StoreFollower implements OnApplicationBootstrap, OnApplicationShutdown, ReadModel {
  abstract readonly name: string;
  protected abstract apply(event: RecordedEvent): void;
  /** The version of this model's snapshot format (bump it when the state changes); null: no snapshots. */
  protected readonly snapshotVersion: number | null = null;
  /** The whole state as lines (JSON each); read back with restoreLine in the same order. */
  protected snapshotLines(): Iterable<string> {
    return [];
  }
  protected restoreLine(_line: string): void {}
  /** Back to the empty state (a snapshot that failed half-way is discarded). */
  protected clearState(): void {}
  /** False while the state is not safe to snapshot (e.g. reactions to applied events still running). */
  protected canSnapshot(): boolean {
    return true;
  }

  private readonly followerLogger = new Logger('StoreFollower');
  private reached = 0n;
  private readonly waiters = new PositionWaiters(() => this.reached);
  private readonly stop = new AbortController();
  private following: Promise<void> | null = null;
  private last: SnapshotPoint | null = null;
  private sinceSnapshot = 0;
  private snapshotDue = false;
  private sinceTurn = 0;

  constructor(
    protected readonly store: EventStore,
    positions: ReadPositions,
    @Optional() private readonly snapshots?: FollowerSnapshots,
  ) {
    positions.register(this);
  }

  onApplicationBootstrap(): void {
    this.following = this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.following;
    await this.settle();
    if (this.sinceSnapshot > 0) await this.saveSnapshot();
  }

  /** Waits for work started by applied events (before the shutdown snapshot). */
  protected async settle(): Promise<void> {}

  /** Saves a snapshot after the current event (erasures: the old one still holds the person, encrypted). */
  protected snapshotSoon(): void {
    this.snapshotDue = true;
  }

  position(): bigint {
    return this.reached;
  }

  /** Resolves true once `position` is applied, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  private async follow(): Promise<void> {
    await this.restoreSnapshot();
    for (let attempt = 1; !this.stop.signal.aborted; attempt++) {
      try {
        for await (const event of this.store.subscribeAll({ after: this.reached, signal: this.stop.signal })) {
          this.apply(event);
          this.reached = event.position;
          this.last = { position: event.position, eventId: event.eventId };
          attempt = 1;
          this.sinceSnapshot += 1;
          this.waiters.notify();
          // Awaited inside the loop: no event is applied while the snapshot is written.
          if (this.snapshotDue || (this.snapshots && this.sinceSnapshot >= this.snapshots.everyEvents)) await this.saveSnapshot();
          if (++this.sinceTurn >= EVENTS_PER_TURN) {
            this.sinceTurn = 0;
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
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

  private async restoreSnapshot(): Promise<void> {
    if (!this.snapshots || this.snapshotVersion === null) return;
    const started = performance.now();
    try {
      const at = await this.snapshots.files.read(this.name, this.snapshotVersion, (line) => this.restoreLine(line));
      if (at && (await this.isInLog(at))) {
        this.reached = at.position;
        this.last = at;
        this.waiters.notify(); // no event may follow: whoever waits for this position must hear now
        this.followerLogger.log(`${this.name} restored its snapshot at position ${at.position} in ${Math.round(performance.now() - started)} ms`);
        return;
      }
    } catch (error) {
      this.followerLogger.warn(`${this.name} could not restore its snapshot (${String(error)}); replaying the log`);
    }
    this.clearState();
  }

  /** The snapshot's event is in this log at that position (not a snapshot of another data folder). */
  private async isInLog(at: SnapshotPoint): Promise<boolean> {
    const [event] = await this.store.readAll({ after: at.position - 1n, limit: 1 });
    return event?.position === at.position && event.eventId === at.eventId;
  }

  private async saveSnapshot(): Promise<void> {
    if (!this.snapshots || this.snapshotVersion === null || !this.last || !this.canSnapshot()) return;
    try {
      await this.snapshots.files.write(this.name, this.snapshotVersion, this.last, this.snapshotLines());
      this.sinceSnapshot = 0;
      this.snapshotDue = false;
    } catch (error) {
      this.followerLogger.warn(`${this.name} could not save its snapshot: ${String(error)}`);
      this.sinceSnapshot = 0; // try again after another interval, not after every event
    }
  }
}
