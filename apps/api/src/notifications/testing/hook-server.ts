import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: any;
}

export interface HookServer {
  readonly url: string;
  readonly received: ReceivedHook[];
  /** Resolves once `count` requests have arrived (bounded by Jest's test timeout). */
  waitFor(count: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

/**
 * A tiny webhook receiver on loopback. `statuses` are answered in order (then 200), so a
 * test can make the first attempts fail and see the notifier retry.
 */
export async function startHookServer(statuses: number[] = []): Promise<HookServer> {
  const received: ReceivedHook[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    async waitFor(count) {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
