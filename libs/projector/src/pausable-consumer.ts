import type { BatchHandler } from '#libs/pipeline';
import { EventConsumer } from '#libs/pipeline';

/**
 * An EventConsumer whose batches can be held back for a while: the rebuild swaps tables
 * (`EXCHANGE TABLES`) only while no batch of the live projector is being inserted. `pause()`
 * waits for the batch in flight and resolves with a `resume` function; batches delivered
 * meanwhile wait (they are not dropped, so nothing appended is lost).
 */
export class PausableConsumer extends EventConsumer {
  private inFlight: Promise<void> = Promise.resolve();
  private paused: Promise<void> | null = null;

  constructor(private readonly inner: EventConsumer) {
    super();
  }

  run(handler: BatchHandler, signal: AbortSignal): Promise<void> {
    return this.inner.run((events, context) => this.guarded(() => handler(events, context)), signal);
  }

  /** Resolves once no batch runs; no batch starts until `resume()` is called. */
  async pause(): Promise<() => void> {
    while (this.paused) await this.paused;
    let resume!: () => void;
    this.paused = new Promise<void>((resolve) => (resume = resolve));
    const released = this.paused;
    await this.inFlight.catch(() => undefined);
    return () => {
      if (this.paused === released) this.paused = null;
      resume();
    };
  }

  private async guarded(work: () => Promise<void>): Promise<void> {
    while (this.paused) await this.paused;
    const run = work();
    this.inFlight = run;
    await run;
  }
}
