import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './processes.js';

const run = promisify(execFile);

/**
 * A Kafka broker of this test alone (scripts/kafka/start.sh with its own KAFKA_DIR), so stopping
 * it disturbs no other suite. The jars of the suite's broker are reused when present (no second
 * Maven copy); start.sh fetches them otherwise.
 */
export class OwnBroker {
  private constructor(
    readonly dir: string,
    readonly bootstrap: string,
  ) {}

  static async start(dir: string): Promise<OwnBroker> {
    mkdirSync(dir, { recursive: true });
    const suiteJars = join(repoRoot, '.tmp', 'kafka', 'libs');
    if (existsSync(suiteJars) && !existsSync(join(dir, 'libs'))) symlinkSync(suiteJars, join(dir, 'libs'));
    await OwnBroker.script('start.sh', dir, '--fresh');
    return new OwnBroker(dir, readFileSync(join(dir, 'bootstrap'), 'utf8').trim());
  }

  /** The broker's JVM dies at once (SIGKILL): no clean shutdown, the restart recovers its logs. */
  kill(): void {
    const pid = Number(readFileSync(join(this.dir, 'pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
  }

  /** Starts it again on the same ports with the same data (topics, messages, committed offsets). */
  async restart(): Promise<void> {
    await OwnBroker.script('start.sh', this.dir);
  }

  async stop(): Promise<void> {
    await OwnBroker.script('stop.sh', this.dir);
  }

  private static async script(name: string, dir: string, ...args: string[]): Promise<void> {
    await run('bash', [join(repoRoot, 'scripts', 'kafka', name), ...args], { cwd: repoRoot, env: { ...process.env, KAFKA_DIR: dir }, timeout: 180_000 });
  }
}
