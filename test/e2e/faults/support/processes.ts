import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository root (tests run from it: jest's rootDir). */
export const repoRoot = process.cwd();

/** A built entry point of an app; fails clearly when `npm run build` has not run (scripts/test.sh builds first). */
export function distEntry(app: 'api' | 'relay' | 'projector'): string {
  const path = join(repoRoot, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (scripts/test.sh does).`);
  return path;
}

/** A loopback port free right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One OS process started by a test: its output is kept for assertions and failure messages. */
export class TestProcess {
  private output = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | null = null;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((this.exit = { code, signal }))));
  }

  /** `node <script>` with `env` added to this environment (minus NODE_OPTIONS: jest's flags are not for it). */
  static node(name: string, script: string, env: Record<string, string>): TestProcess {
    const { NODE_OPTIONS: _jestFlags, ...inherited } = process.env;
    const child = spawn(process.execPath, [script], { cwd: repoRoot, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return new TestProcess(name, child);
  }

  get running(): boolean {
    return this.exit === null;
  }

  get pid(): number {
    return this.child.pid!;
  }

  log(): string {
    return this.output;
  }

  /** Waits for this process to end by itself (a crash point); fails with its output after `timeoutMs`. */
  async exitWithin(timeoutMs: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms:\n${this.output.slice(-3000)}`)), timeoutMs)));
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `signal` (default SIGTERM: a clean shutdown) and waits for the exit; SIGKILL after 20 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (!this.running) return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Every process a test file started, to be killed in afterAll whatever happened. */
export class ProcessSet {
  private readonly all: TestProcess[] = [];

  node(name: string, script: string, env: Record<string, string>): TestProcess {
    const started = TestProcess.node(name, script, env);
    this.all.push(started);
    return started;
  }

  async killAll(): Promise<void> {
    await Promise.all(this.all.map((p) => p.stop('SIGKILL')));
  }

  /** The tail of every process's output, for a failing test's message. */
  logs(): string {
    return this.all.map((p) => `--- ${p.name} (pid ${p.pid})\n${p.log().slice(-3000)}`).join('\n');
  }
}
