import { createReadStream, readdirSync, rmSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The event a snapshot reflects: its state is exactly the fold of the log up to and including it. */
export interface SnapshotPoint {
  readonly position: bigint;
  readonly eventId: string;
}

const CHUNK = 1 << 20;

/**
 * Versioned state snapshots of in-memory read models, one file per model under a folder
 * (embedded mode: DATA_DIR/snapshots). A file is a header line (`{"name","version","position",
 * "eventId"}`), one JSON line per piece of state, and a trailer line with the line count: a
 * file cut short (a crash mid-write, a full disk) has no trailer and is refused. Written to a
 * temp file, fsynced, then renamed over the old one (POSIX rename is atomic), so a reader sees
 * the old snapshot or the new one, never a mix. Holds only what the log holds (identifiers stay
 * encrypted; PRIVACY.md crypto-shredding covers these copies like the log's).
 */
export class SnapshotFiles {
  constructor(readonly directory: string) {}

  /**
   * `lines` are read lazily while the file is written, a megabyte at a time with the event loop
   * free between writes (a 10 M-event Directory is ~134 MB): the caller must keep the state from
   * changing until this resolves (followers await it between two events).
   */
  async write(name: string, version: number, at: SnapshotPoint, lines: Iterable<string>): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const path = this.pathOf(name);
    this.removeLeftovers(name);
    const temp = `${path}.${process.pid}.tmp`;
    const file = await open(temp, 'w', 0o600);
    try {
      let buffer = `${JSON.stringify({ name, version, position: at.position.toString(), eventId: at.eventId })}\n`;
      let count = 0;
      for (const line of lines) {
        buffer += `${line}\n`;
        count += 1;
        if (buffer.length >= CHUNK) {
          await file.write(buffer);
          buffer = '';
        }
      }
      await file.write(`${buffer}${JSON.stringify({ end: name, lines: count })}\n`);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await rename(temp, path);
  }

  /**
   * Streams the lines of `name`'s snapshot to `onLine` and answers the point it reflects; null
   * when there is none usable (missing, another version, cut short, unreadable, or `onLine`
   * threw). On null the caller must discard what `onLine` built and replay from 0.
   */
  async read(name: string, version: number, onLine: (line: string) => void): Promise<SnapshotPoint | null> {
    type Header = { name?: unknown; version?: unknown; position?: unknown; eventId?: unknown };
    let header = null as Header | null;
    let count = 0;
    let ended = false;
    try {
      const lines = createInterface({ input: createReadStream(this.pathOf(name), { encoding: 'utf8' }), crlfDelay: Infinity });
      for await (const line of lines) {
        if (ended) return null; // anything after the trailer: not a file we wrote
        if (header === null) {
          header = JSON.parse(line) as Header | null;
          if (header?.name !== name || header.version !== version || typeof header.position !== 'string' || typeof header.eventId !== 'string') return null;
          continue;
        }
        if (line.startsWith('{"end":')) {
          const trailer = JSON.parse(line) as { end?: unknown; lines?: unknown };
          if (trailer.end !== name || trailer.lines !== count) return null;
          ended = true;
          continue;
        }
        onLine(line);
        count += 1;
      }
    } catch {
      return null;
    }
    if (!ended || header === null) return null;
    return { position: BigInt(header.position as string), eventId: header.eventId as string };
  }

  /** Temp files of writes a crash cut short (another pid's): they would only take disk space. */
  private removeLeftovers(name: string): void {
    for (const file of readdirSync(this.directory)) {
      if (file.startsWith(`${name}.snapshot.`) && file.endsWith('.tmp')) rmSync(join(this.directory, file), { force: true });
    }
  }

  remove(name: string): void {
    rmSync(this.pathOf(name), { force: true });
  }

  pathOf(name: string): string {
    return join(this.directory, `${name}.snapshot`);
  }
}
