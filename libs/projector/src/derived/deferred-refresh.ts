import type { StaleKeys } from './derived-tables.js';
import { PendingRefresh, type PendingWork } from './pending-refresh.js';

export interface DerivedRefreshOptions {
  /**
   * At most one refresh starts per this many milliseconds; the participants made stale meanwhile
   * wait for it (the first batch after a quiet spell is refreshed at once). What it costs: the
   * derived tables (and `?minPosition=`, freshness) lag the rows by up to this long.
   */
  readonly intervalMs: number;
  /**
   * The largest share of the time the refreshes may take: the next starts no sooner than the last
   * one's duration / maxShare after it started, and no later than `maxIntervalMs` (default 4 ×
   * intervalMs) after it. Default 1 (no bound beyond the interval). Under a heavy write load every
   * refresh recomputes most participants of a small organization (~300 ms of one core each in
   * `http-writes`), so at 0.25 the refreshes leave the api's writes ¾ of that core and the
   * derived tables lag a little more, while a light load keeps the interval (docs/benchmarks.md).
   */
  readonly maxShare?: number;
  /**
   * The longest a refresh waits after the last one started (spacing), and after its oldest waiting
   * batch while the projector is catching up (`add`'s `catchingUp`). Default 4 × intervalMs.
   */
  readonly maxIntervalMs?: number;
  /** (derived table, participant) entries waiting that make the batch's own write refresh them at once. Default 20,000. */
  readonly maxWaiting?: number;
  /**
   * ClickHouse max_threads of each deferred refresh statement. Default 1: in embedded mode the
   * refresh is background work beside the api on two cores, and on all of them it held the api's
   * writes back (http-writes: CPU per write +19 %, open-loop p50 +7 ms; docs/benchmarks.md, fifth pass).
   */
  readonly maxThreads?: number;
}

export interface DeferredRefreshHooks {
  /** Runs `work` in turn with the batches' writes (the Projector's InOrderWrites): never beside an insert or an erasure. */
  queue(work: () => Promise<void>): Promise<void>;
  /** Refreshes `work.stale` and records the derived tables' position `work.position`. */
  refresh(work: PendingWork): Promise<void>;
}

const DEFAULT_MAX_WAITING = 20_000;

/**
 * The derived-table refresh of several batches at once (Projector `derivedRefresh`). Each refresh
 * statement costs about the same whatever the number of participants (at 1 M events each reads
 * nearly every granule of measures with FINAL: docs/benchmarks.md, projection pipeline), so
 * refreshing per interval instead of per batch saves most of them when batches come often (the
 * api's writes) or a catch-up runs. The refresh runs after the batch's call resolved, so the
 * relay reads and the projector projects the next batch meanwhile.
 *
 * A refresh that fails is retried after the interval with what was added meanwhile; a process
 * that stops before it is covered by the recorded position (Projector.restorePosition).
 */
export class DeferredRefresh {
  private readonly pending = new PendingRefresh();
  private readonly maxWaiting: number;
  private timer: NodeJS.Timeout | null = null;
  /** When the timer fires (performance.now()). */
  private timerDueAt = Number.POSITIVE_INFINITY;
  /** When the oldest batch still waiting was added (performance.now()). */
  private waitingSince = Number.POSITIVE_INFINITY;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  private lastDurationMs = 0;
  private lastFailure: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: DerivedRefreshOptions,
    private readonly hooks: DeferredRefreshHooks,
  ) {
    this.maxWaiting = Math.max(1, options.maxWaiting ?? DEFAULT_MAX_WAITING);
  }

  /** Nothing waits for a refresh. */
  isIdle(): boolean {
    return this.pending.isEmpty();
  }

  /**
   * A batch was written (called inside its write): its stale participants (erasures left out)
   * and position wait for the next refresh; `erased` (erasureKey) leave what waits too. When too
   * many wait, refreshes them within this write, which holds the consumer back meanwhile.
   *
   * `catchingUp`: more of the log is already waiting behind this batch (a catch-up, not the live
   * tail). Its refresh then waits for the end of the catch-up (the first batch added without it),
   * at most `maxIntervalMs` after the oldest batch waiting: a refresh in the middle would recompute
   * participants the next batches make stale again, and the last one would wait out its spacing.
   */
  async add(stale: StaleKeys, position: bigint, erased: ReadonlySet<string>, catchingUp = false): Promise<void> {
    if (this.pending.isEmpty()) this.waitingSince = performance.now();
    this.pending.add(stale, position, erased);
    if (this.pending.size() >= this.maxWaiting) await this.refreshNow();
    else this.schedule(catchingUp);
  }

  /** Refreshes what waits now, in turn with the writes; rejects when the refresh fails. */
  flush(): Promise<void> {
    this.cancelTimer();
    return this.hooks.queue(() => this.refreshNow());
  }

  onRefreshed(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  failure(): string | null {
    return this.lastFailure;
  }

  /** Sets the timer for the next refresh, or brings it forward (never later than one already set). */
  private schedule(catchingUp = false): void {
    const dueAt = catchingUp ? this.waitingSince + maxIntervalMs(this.options) : this.lastStartedAt + refreshSpacingMs(this.options, this.lastDurationMs);
    if (this.timer && this.timerDueAt <= dueAt) return;
    this.cancelTimer();
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      this.hooks.queue(() => this.refreshNow()).catch((error: unknown) => {
        this.lastFailure = error instanceof Error ? error.message : String(error);
        if (!this.pending.isEmpty()) this.schedule();
      });
    }, Math.max(0, dueAt - performance.now()));
    // A process may end with a refresh pending: restorePosition covers it.
    this.timer.unref();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  private async refreshNow(): Promise<void> {
    const work = this.pending.take();
    if (!work) return;
    this.cancelTimer();
    this.waitingSince = Number.POSITIVE_INFINITY;
    this.lastStartedAt = performance.now();
    try {
      await this.hooks.refresh(work);
    } catch (error) {
      this.pending.restore(work);
      throw error;
    } finally {
      this.lastDurationMs = performance.now() - this.lastStartedAt;
    }
    this.lastFailure = null;
    for (const listener of this.listeners) listener();
  }
}

/** Milliseconds from the start of one refresh to the earliest start of the next (DerivedRefreshOptions.maxShare). */
export function refreshSpacingMs(options: Pick<DerivedRefreshOptions, 'intervalMs' | 'maxShare' | 'maxIntervalMs'>, lastDurationMs: number): number {
  const share = Math.min(1, Math.max(0.01, options.maxShare ?? 1));
  return Math.max(options.intervalMs, Math.min(maxIntervalMs(options), lastDurationMs / share));
}

function maxIntervalMs(options: Pick<DerivedRefreshOptions, 'intervalMs' | 'maxIntervalMs'>): number {
  return Math.max(options.intervalMs, options.maxIntervalMs ?? 4 * options.intervalMs);
}
