import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EncryptedField } from '#libs/events';
import { decryptField, encryptField } from './field-cipher.js';
import { KeyStore } from './key-store.port.js';

export interface LocalFileKeyStoreOptions {
  /** Folder of wrapped data keys, one file each; kept apart from the event store file. */
  readonly directory: string;
  /** The 32-byte key-encryption key: from the environment or a file of its own (PRIVACY.md). */
  readonly keyEncryptionKey: Buffer;
}

/**
 * Embedded KeyStore: each data key is wrapped (AES-256-GCM) with the key-encryption key and
 * written to its own file (temp file, fsync, rename: durable before we answer). Destroying a
 * key deletes its file; the wrapped bytes that may linger on disk are useless without the KEK.
 */
export class LocalFileKeyStore extends KeyStore {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly options: LocalFileKeyStoreOptions) {
    super();
    if (options.keyEncryptionKey.length !== 32) throw new Error('The key-encryption key must be 32 bytes.');
    mkdirSync(options.directory, { recursive: true, mode: 0o700 });
  }

  async createKey(keyId: string): Promise<Buffer> {
    const existing = await this.getKey(keyId);
    if (existing) return existing;
    const key = randomBytes(32);
    const wrapped = encryptField(this.options.keyEncryptionKey, keyId, key.toString('base64'));
    const path = this.pathOf(keyId);
    const temp = `${path}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(wrapped));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    this.fsyncDirectory();
    this.cache.set(keyId, key);
    return key;
  }

  async getKey(keyId: string): Promise<Buffer | null> {
    const cached = this.cache.get(keyId);
    if (cached) return cached;
    const path = this.pathOf(keyId);
    if (!existsSync(path)) return null;
    const wrapped = JSON.parse(readFileSync(path, 'utf8')) as EncryptedField;
    const key = Buffer.from(decryptField(this.options.keyEncryptionKey, wrapped), 'base64');
    this.cache.set(keyId, key);
    return key;
  }

  async destroyKey(keyId: string): Promise<void> {
    this.cache.get(keyId)?.fill(0);
    this.cache.delete(keyId);
    rmSync(this.pathOf(keyId), { force: true });
    this.fsyncDirectory();
  }

  private pathOf(keyId: string): string {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(keyId)) throw new Error('Key ids are UUID-like strings.');
    return join(this.options.directory, `${keyId}.key`);
  }

  /** A rename or unlink is durable only once the directory entry is synced. */
  private fsyncDirectory(): void {
    const fd = openSync(this.options.directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
