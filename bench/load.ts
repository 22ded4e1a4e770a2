import { Agent, request } from 'node:http';

export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly token: string;
}

export interface LoadResult {
  readonly durationMs: number;
  /** Latency in ms of every 2xx answer completed inside the measured window. */
  readonly latenciesMs: Float64Array;
  readonly byStatus: Readonly<Record<number, number>>;
  readonly errorBodies: readonly string[];
  /** Every answer, warm-up and late ones included (to divide CPU time by). */
  readonly completedTotal: number;
}

/**
 * A closed-loop load generator: `concurrency` workers, each sends a request, waits for the
 * answer, sends the next, over keep-alive loopback connections (node:http, lighter on the
 * client than fetch). Requests answered during `warmupMs` are not counted.
 */
export async function runLoad(baseUrl: string, options: { concurrency: number; durationMs: number; warmupMs: number; next: () => LoadRequest }): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const results = new Results(options.durationMs);
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;

  const send = sender(url, agent);

  const worker = async () => {
    while (performance.now() < end) {
      const job = options.next();
      const sent = performance.now();
      const answer = await send(job);
      const done = performance.now();
      results.answered(job, answer, sent >= measureFrom && done <= end ? done - sent : null);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  return results.result();
}

/**
 * An open-loop load generator: requests start at a fixed rate whatever the answers take (up to
 * `maxInFlight` sockets; beyond that they wait for one). Latency counts from the moment a request
 * was due, not from when it could be sent, so a stalled server shows in the figures instead of
 * slowing the generator down ("coordinated omission", as wrk2 corrects it). This is the latency
 * at a given write rate; runLoad's closed loop gives the saturation rate and its latency.
 */
export async function runFixedRate(baseUrl: string, options: { ratePerSecond: number; durationMs: number; warmupMs: number; maxInFlight: number; next: () => LoadRequest }): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const send = sender(url, agent);
  const results = new Results(options.durationMs);
  const answers: Promise<void>[] = [];
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  const intervalMs = 1000 / options.ratePerSecond;
  let due = start;
  while (due < end) {
    const now = performance.now();
    for (; due <= now && due < end; due += intervalMs) {
      const job = options.next();
      const dueAt = due;
      answers.push(send(job).then((answer) => results.answered(job, answer, dueAt >= measureFrom ? performance.now() - dueAt : null)));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(answers);
  agent.destroy();
  return results.result();
}

/** What both generators keep of the answers: every one counted, the measured ones by status, 2xx latencies, a few error bodies. */
class Results {
  private readonly latencies: number[] = [];
  private readonly byStatus: Record<number, number> = {};
  private readonly errorBodies: string[] = [];
  private completedTotal = 0;

  constructor(private readonly durationMs: number) {}

  /** `latencyMs` null: answered outside the measured window (warm-up, or late). */
  answered(job: LoadRequest, { status, body }: { status: number; body: string }, latencyMs: number | null): void {
    this.completedTotal += 1;
    if (latencyMs === null) return;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (status >= 200 && status < 300) this.latencies.push(latencyMs);
    else if (this.errorBodies.length < 5) this.errorBodies.push(`${job.method} ${job.path} → ${status} ${body.slice(0, 300)}`);
  }

  result(): LoadResult {
    const { durationMs, byStatus, errorBodies, completedTotal } = this;
    return { durationMs, latenciesMs: Float64Array.from(this.latencies).sort(), byStatus, errorBodies, completedTotal };
  }
}

/** One request over `agent`, its status and body once answered. */
function sender(url: URL, agent: Agent): (job: LoadRequest) => Promise<{ status: number; body: string }> {
  return (job) =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: job.method, path: job.path, agent, headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(job.body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(job.body);
    });
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
