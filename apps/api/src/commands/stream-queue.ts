/**
 * Runs tasks on one key one after another, tasks on other keys side by side. The api's writes
 * to one stream queue here instead of racing each other: under a burst (an open-loop load at
 * 2,000 writes/s, docs/benchmarks.md) five writers of one group's stream would each read, decide
 * and lose the append to one winner, retry, and lose again — work thrown away just when the api
 * has none to spare, and 409s once the attempts ran out. In a queue each decides once, on the
 * state its predecessor left. Writers in other processes still race, and the executor's retry
 * still handles them.
 */
export class StreamQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous ? previous.then(task) : task();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting (for tests: the map must not grow without bound). */
  get size(): number {
    return this.tails.size;
  }
}
