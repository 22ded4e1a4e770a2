import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './deploy-files.js';

/** The compiled entry points the images run (deploy/docker/Dockerfile CMD). */
export const mains = {
  api: 'dist/apps/api/src/main.js',
  relay: 'dist/apps/relay/src/main.js',
  projector: 'dist/apps/projector/src/main.js',
  migrate: 'dist/apps/projector/src/migrate.js',
} as const;

export function assertBuilt(): void {
  const missing = Object.values(mains).filter((main) => !existsSync(join(repoRoot, main)));
  if (missing.length > 0) throw new Error(`Not built: ${missing.join(', ')}. Run \`npm run build\` first (scripts/test.sh builds before jest).`);
}

/** A loopback port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export class AppProcess {
  private text = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  /** Only the given settings, never the test runner's environment (CI exports KAFKA_BROKERS). */
  constructor(main: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [main], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => (this.text += chunk.toString('utf8').replace(ansi, ''));
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  output(): string {
    return this.text;
  }

  /** Resolves with the first capture of `pattern` in the output; rejects if the process exits first. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    for (;;) {
      const match = pattern.exec(this.text);
      if (match) return match[1] ?? match[0];
      if (exitCode !== undefined) throw new Error(`exited with ${exitCode} before ${pattern}:\n${this.text.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.running()) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls until the health answer satisfies `done`; returns that answer. */
export async function healthUntil(url: string, done: (h: { status: number; body: Record<string, unknown> }) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = await health(url);
  while (!done(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    last = await health(url);
  }
  return last;
}
