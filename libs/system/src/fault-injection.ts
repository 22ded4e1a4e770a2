import { writeSync } from 'node:fs';

/** A parsed FAULT_CRASH_AT: crash at the `batch`-th occurrence of `point` in this process. */
export interface CrashPoint {
  readonly point: string;
  readonly batch: number;
}

/** `after-publish:3` → { point: 'after-publish', batch: 3 }; the config schema validated the shape. */
export function parseCrashPoint(value: string): CrashPoint {
  const [point, batch] = value.split(':');
  return { point: point!, batch: Number(batch) };
}

/**
 * Test-only fault injection (test/e2e/faults, ARCHITECTURE.md principle 4): a hook that counts
 * the batches passing its crash point and, at the configured one, says so on stderr and kills
 * this process with SIGKILL on the spot (no shutdown hooks, nothing flushed: a real crash).
 */
export function crashAt(crash: CrashPoint): (batch: readonly unknown[]) => void {
  let seen = 0;
  return (batch) => {
    seen += 1;
    if (seen !== crash.batch) return;
    writeSync(2, `FAULT_CRASH_AT ${crash.point}:${crash.batch}: killing process ${process.pid} with SIGKILL after a batch of ${batch.length}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
