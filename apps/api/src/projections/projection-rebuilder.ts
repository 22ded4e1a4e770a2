import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type RebuildOptions, type RebuildProgress, rebuildProjections } from '#libs/projector';

export interface RebuildStatus {
  readonly state: 'idle' | 'running' | 'succeeded' | 'failed';
  readonly phase: RebuildProgress['phase'] | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Events projected into the new tables, and the last global position among them. */
  readonly events: number;
  readonly position: string;
  readonly error: string | null;
}

const IDLE: RebuildStatus = { state: 'idle', phase: null, startedAt: null, finishedAt: null, events: 0, position: '0', error: null };

/** What a rebuild needs in this deployment, without the progress callback. */
export type RebuildPlan = Omit<RebuildOptions, 'onProgress'>;

/**
 * Runs at most one rebuild at a time in the background and remembers how the last one went.
 * A second start while one runs answers the running one (the request is idempotent).
 */
@Injectable()
export class ProjectionRebuilder implements OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionRebuild');
  private current: RebuildStatus = IDLE;
  private running: Promise<void> | null = null;

  constructor(
    private readonly plan: RebuildPlan,
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(): RebuildStatus {
    return this.current;
  }

  start(): RebuildStatus {
    if (this.running) return this.current;
    this.current = { ...IDLE, state: 'running', startedAt: this.now().toISOString() };
    this.logger.log('Rebuild of the analytics projections started');
    this.running = rebuildProjections({ ...this.plan, onProgress: (p) => (this.current = { ...this.current, phase: p.phase, events: p.events, position: p.position.toString() }) }).then(
      (result) => {
        this.current = { ...this.current, state: 'succeeded', finishedAt: this.now().toISOString(), events: result.events, position: result.position.toString() };
        this.logger.log(`Rebuild done: ${result.events} events up to position ${result.position}, ${result.tables.length} tables swapped`);
      },
      (error: unknown) => {
        this.current = { ...this.current, state: 'failed', finishedAt: this.now().toISOString(), error: error instanceof Error ? error.message : String(error) };
        this.logger.error(`Rebuild failed; the current tables stay in place: ${this.current.error}`);
      },
    ).finally(() => (this.running = null));
    return this.current;
  }

  /** A rebuild is not interrupted half-way: the swap must not be cut between two tables. */
  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
