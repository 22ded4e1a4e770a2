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
  const latencies: number[] = [];
  const byStatus: Record<number, number> = {};
  const errorBodies: string[] = [];
  let completedTotal = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;

  const send = (job: LoadRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
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

  const worker = async () => {
    while (performance.now() < end) {
      const job = options.next();
      const sent = performance.now();
      const { status, body } = await send(job);
      const done = performance.now();
      completedTotal += 1;
      if (sent < measureFrom || done > end) continue;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (status >= 200 && status < 300) latencies.push(done - sent);
      else if (errorBodies.length < 5) errorBodies.push(`${job.method} ${job.path} → ${status} ${body.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  return { durationMs: options.durationMs, latenciesMs: Float64Array.from(latencies).sort(), byStatus, errorBodies, completedTotal };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
