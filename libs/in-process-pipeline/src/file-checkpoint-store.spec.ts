import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCheckpointStore } from './file-checkpoint-store.js';

describe('FileCheckpointStore (real files)', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
    dirs.push(dir);
    return join(dir, 'nested');
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('answers 0n before anything was saved', async () => {
    expect(await new FileCheckpointStore({ directory: newDir() }).load('relay')).toBe(0n);
  });

  it('keeps a saved position across instances (a restart), beyond 2^53, without temp files', async () => {
    const directory = newDir();
    await new FileCheckpointStore({ directory }).save('relay', 9007199254740993n);
    expect(await new FileCheckpointStore({ directory }).load('relay')).toBe(9007199254740993n);
    expect(readdirSync(directory)).toEqual(['relay.json']);
  });

  it('applies saves of one name in call order', async () => {
    const directory = newDir();
    const store = new FileCheckpointStore({ directory });
    await Promise.all([1n, 2n, 3n, 4n, 5n].map((p) => store.save('relay', p)));
    expect(await store.load('relay')).toBe(5n);
  });

  it('keeps names apart and refuses names that are not plain file names', async () => {
    const directory = newDir();
    const store = new FileCheckpointStore({ directory });
    await store.save('relay', 7n);
    await store.save('relay-2', 9n);
    expect([await store.load('relay'), await store.load('relay-2')]).toEqual([7n, 9n]);
    await expect(store.save('../escape', 1n)).rejects.toThrow('Unsafe checkpoint name');
  });

  it('fails loudly on a corrupt file instead of starting over from 0', async () => {
    const directory = newDir();
    const store = new FileCheckpointStore({ directory });
    await store.save('relay', 1n);
    writeFileSync(join(directory, 'relay.json'), '{"position": 12}');
    await expect(store.load('relay')).rejects.toThrow('corrupt');
  });
});
