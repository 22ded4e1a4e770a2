import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckpointStore } from '#libs/pipeline';

export interface FileCheckpointStoreOptions {
  /** Folder of the checkpoint files (one `<name>.json` per checkpoint), created when missing. */
  readonly directory: string;
}

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Checkpoints as small JSON files, for the embedded mode. `save` is durable before it resolves:
 * write a temp file, fsync it, rename it over the old one (atomic on POSIX), fsync the folder so
 * the rename itself survives a power cut. A crash leaves either the old or the new checkpoint,
 * never a torn one. (https://man7.org/linux/man-pages/man2/rename.2.html,
 * https://man7.org/linux/man-pages/man2/fsync.2.html: "fsync() on the file does not ensure that
 * the entry in the directory ... has also reached disk".)
 */
export class FileCheckpointStore extends CheckpointStore {
  /** Saves of one name run one after another, so a late write never overwrites a newer one. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly options: FileCheckpointStoreOptions) {
    super();
  }

  async load(name: string): Promise<bigint> {
    let text: string;
    try {
      text = await readFile(this.fileOf(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0n;
      throw error;
    }
    const stored = JSON.parse(text) as { position?: unknown };
    if (typeof stored.position !== 'string' || !/^[0-9]+$/.test(stored.position)) {
      throw new Error(`Checkpoint file ${this.fileOf(name)} is corrupt: ${text.slice(0, 100)}`);
    }
    return BigInt(stored.position);
  }

  save(name: string, position: bigint): Promise<void> {
    let file: string;
    try {
      file = this.fileOf(name);
    } catch (error) {
      return Promise.reject(error);
    }
    const previous = this.chains.get(name) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.write(file, name, position));
    this.chains.set(name, next);
    return next;
  }

  private async write(file: string, name: string, position: bigint): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    const body = JSON.stringify({ name, position: position.toString(), savedAt: new Date().toISOString() });
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(body, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const folder = await open(this.options.directory, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }

  private fileOf(name: string): string {
    // The name becomes a file name: no separators, no "..".
    if (!SAFE_NAME.test(name) || name.startsWith('.')) throw new Error(`Unsafe checkpoint name: ${name}`);
    return join(this.options.directory, `${name}.json`);
  }
}
