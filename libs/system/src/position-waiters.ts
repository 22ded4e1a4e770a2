/**
 * Callers waiting until a read model reaches an event-store position (`?minPosition=`).
 * The owner calls notify() after every advance; waitFor resolves true when `current()` has
 * reached the position, false after the timeout.
 */
export class PositionWaiters {
  private readonly waiters = new Set<() => void>();

  constructor(private readonly current: () => bigint) {}

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.current() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => this.current() >= position && finish(true);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  notify(): void {
    this.waiters.forEach((check) => check());
  }
}
