import { setTimeout as delay } from 'node:timers/promises';
import type { EventStore } from '#libs/event-store';
import type { RecordedEvent } from '#libs/events';
import type { CheckpointStore } from '#libs/pipeline';
import { toAlertRaised } from './alert-event.js';
import { decideAlerts, markRaised } from './decide.js';
import type { AlertDecision } from './decision.js';
import { evolve } from './evolve.js';
import { type AlertSettings, defaultAlertSettings } from './settings.js';
import { REACTOR_SNAPSHOT_VERSION, reactorStateLines, restoreReactorLine, type StateSnapshots } from './snapshot.js';
import { initialReactorState, type ReactorState } from './state.js';

export interface AlertsReactorOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly settings?: AlertSettings;
  /** Injected clock: ticks evaluate measure_overdue with it; AlertRaised.metadata.recordedAt. */
  readonly clock?: () => Date;
  /** Checkpoint name (default 'alerts-reactor'). */
  readonly checkpointName?: string;
  /** Period of the measure_overdue tick (default 1 hour); null: no timer, call tick() yourself. */
  readonly tickIntervalMs?: number | null;
  /** Save the checkpoint after this many events past it (default 100), and on stop. */
  readonly checkpointEvery?: number;
  /** Wait before rebuilding after a failure such as an unreachable store (default 5 s). */
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Start from the last state snapshot instead of replaying the log from 0 (and save them). */
  readonly snapshots?: StateSnapshots;
  /** Save a snapshot after this many events handled since the last one (default 250,000), at stop and after an erasure. */
  readonly snapshotEvery?: number;
}

/**
 * Follows the whole event log, folds it (evolve), decides alerts (decideAlerts) and appends
 * each as an AlertRaised to the participant's stream with a cause-derived event id,
 * expected revision 'any'. At-least-once and idempotent: the checkpoint is saved only after
 * the alerts of every event up to it were appended, and a re-append is a no-op in the store.
 *
 * Start-up: the state is rebuilt by replaying the log from position 0 on every start (and
 * after a failure), or, with `snapshots`, restored from the last snapshot (taken between two
 * events: the state folded up to its position) and followed from there; alerts are appended
 * only for events past the stored checkpoint either way.
 * Ticks are skipped until the replay has reached the head seen at start, so a stale state
 * never raises measure_overdue.
 */
export class AlertsReactor {
  private readonly settings: AlertSettings;
  private readonly clock: () => Date;
  private readonly name: string;
  private state: ReactorState = initialReactorState();
  private position = 0n;
  private appendAfter = 0n;
  private savedPosition = 0n;
  private unsaved = 0;
  private ready = false;
  private lane: Promise<unknown> = Promise.resolve();
  private controller: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waiters: { position: bigint; resolve: () => void; reject: (error: Error) => void }[] = [];
  private last: { position: bigint; eventId: string } | null = null;
  private sinceSnapshot = 0;
  private snapshotDue = false;
  /** An event was folded but not finished (its alerts failed to append): the state matches no position. */
  private halfHandled = false;

  constructor(private readonly options: AlertsReactorOptions) {
    this.settings = options.settings ?? defaultAlertSettings;
    this.clock = options.clock ?? (() => new Date());
    this.name = options.checkpointName ?? 'alerts-reactor';
  }

  /** Starts following the log in the background; resolves at once (not when caught up). */
  async start(): Promise<void> {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.runUntilStopped(controller.signal);
    const every = this.options.tickIntervalMs === undefined ? 3_600_000 : this.options.tickIntervalMs;
    if (every !== null) {
      this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.reportError(error)), every);
      this.timer.unref();
    }
  }

  /** Stops following, waits for the event in hand, saves the checkpoint. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.controller?.abort();
    await this.loop;
    await this.lane.catch(() => undefined);
    this.loop = null;
    this.controller = null;
    if (this.sinceSnapshot > 0 || this.snapshotDue) await this.saveSnapshot();
    await this.saveCheckpoint();
    this.waiters.forEach((waiter) => waiter.reject(new Error('AlertsReactor stopped')));
    this.waiters = [];
  }

  /** Evaluates the time-based rules with the clock now; answers the alerts raised (none before catch-up). */
  tick(): Promise<AlertDecision[]> {
    return this.exclusive(async () => {
      if (!this.ready) return [];
      const decisions = decideAlerts(this.state, { type: 'Tick' }, this.settings, this.clock());
      await this.appendAll(decisions);
      markRaised(this.state, decisions);
      return decisions;
    });
  }

  /** Global position of the last event folded (its alerts appended when past the checkpoint). */
  get processedPosition(): bigint {
    return this.position;
  }

  /** Resolves once every event up to `position` was handled. */
  waitForPosition(position: bigint): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** Resolves when the reactor has handled the whole log, including the alerts it appended itself. */
  async waitUntilIdle(): Promise<void> {
    for (;;) {
      const head = await this.options.store.headPosition();
      await this.waitForPosition(head);
      if ((await this.options.store.headPosition()) === head) return;
    }
  }

  private async runUntilStopped(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.followFromStart(signal);
      } catch (error) {
        if (signal.aborted) return;
        this.reportError(error);
        await delay(this.options.retryDelayMs ?? 5000, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async followFromStart(signal: AbortSignal): Promise<void> {
    const checkpoint = await this.options.checkpoints.load(this.name);
    const head = await this.options.store.headPosition();
    const restored = await this.restoreSnapshot();
    await this.exclusive(async () => {
      this.state = restored?.state ?? initialReactorState();
      this.position = restored?.at.position ?? 0n;
      this.last = restored?.at ?? null;
      this.sinceSnapshot = 0;
      this.halfHandled = false;
      this.appendAfter = checkpoint;
      this.savedPosition = checkpoint;
      this.ready = head <= this.position;
    });
    this.waiters = this.waiters.filter((waiter) => (waiter.position <= this.position ? (waiter.resolve(), false) : true));
    for await (const event of this.options.store.subscribeAll({ after: this.position, signal })) {
      await this.exclusive(() => this.handle(event, head));
    }
  }

  private async handle(event: RecordedEvent, head: bigint): Promise<void> {
    this.halfHandled = true; // until the position moves: an append below may fail after the fold
    evolve(this.state, event);
    const recordedAt = new Date(event.metadata.recordedAt);
    const now = Number.isNaN(recordedAt.getTime()) ? this.clock() : recordedAt;
    const decisions = decideAlerts(this.state, event, this.settings, now);
    const live = event.position > this.appendAfter;
    if (live) await this.appendAll(decisions);
    markRaised(this.state, decisions);
    this.position = event.position;
    this.last = { position: event.position, eventId: event.eventId };
    this.halfHandled = false;
    if (event.type === 'ParticipantErased') this.snapshotDue = true; // the last snapshot still holds their episodes
    if (this.snapshotDue || ++this.sinceSnapshot >= (this.options.snapshotEvery ?? 250_000)) await this.saveSnapshot();
    if (event.position >= head) this.ready = true;
    if (live && ++this.unsaved >= (this.options.checkpointEvery ?? 100)) await this.saveCheckpoint();
    this.waiters = this.waiters.filter((waiter) => (waiter.position <= this.position ? (waiter.resolve(), false) : true));
  }

  private async appendAll(decisions: readonly AlertDecision[]): Promise<void> {
    for (const decision of decisions) {
      const { stream, event } = toAlertRaised(decision, this.clock());
      await this.options.store.append(stream, [event], 'any');
    }
  }

  /** The state of the last snapshot, if there is one of this log in this format. */
  private async restoreSnapshot(): Promise<{ state: ReactorState; at: { position: bigint; eventId: string } } | null> {
    if (!this.options.snapshots) return null;
    try {
      const state = initialReactorState();
      const at = await this.options.snapshots.read(this.name, REACTOR_SNAPSHOT_VERSION, (line) => restoreReactorLine(state, line));
      if (!at) return null;
      const [event] = await this.options.store.readAll({ after: at.position - 1n, limit: 1 });
      return event?.position === at.position && event.eventId === at.eventId ? { state, at } : null;
    } catch (error) {
      this.reportError(error);
      return null;
    }
  }

  /** Between two events: callers hold the lane (until it resolves) or the loop has stopped. */
  private async saveSnapshot(): Promise<void> {
    if (!this.options.snapshots || !this.last || this.halfHandled) return;
    try {
      await this.options.snapshots.write(this.name, REACTOR_SNAPSHOT_VERSION, this.last, reactorStateLines(this.state));
      this.snapshotDue = false;
    } catch (error) {
      this.reportError(error);
    }
    this.sinceSnapshot = 0;
  }

  /** Never moves the checkpoint back (during a replay the position is below it). */
  private async saveCheckpoint(): Promise<void> {
    if (this.position <= this.savedPosition) return;
    await this.options.checkpoints.save(this.name, this.position);
    this.savedPosition = this.position;
    this.unsaved = 0;
  }

  /** Events and ticks take turns: one mutation of the state at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lane.then(work, work);
    this.lane = result.catch(() => undefined);
    return result;
  }

  private reportError(error: unknown): void {
    try {
      if (this.options.onError) this.options.onError(error);
      else console.error('alerts-reactor:', error);
    } catch {
      // A failing error handler must not end the loop (an unhandled rejection would end the process).
    }
  }
}
