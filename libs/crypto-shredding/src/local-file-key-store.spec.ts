import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptField, encryptField } from './field-cipher.js';
import { LocalFileKeyStore } from './local-file-key-store.js';

describe('crypto-shredding', () => {
  it('encrypts each field with a fresh IV and decrypts it back', () => {
    const key = randomBytes(32);
    const a = encryptField(key, 'k1', 'Alex Example');
    const b = encryptField(key, 'k1', 'Alex Example');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(decryptField(key, a)).toBe('Alex Example');
  });

  it('refuses a field moved under another key id', () => {
    const key = randomBytes(32);
    const field = encryptField(key, 'k1', 'secret');
    expect(() => decryptField(key, { ...field, keyId: 'k2' })).toThrow();
  });

  it('keeps keys wrapped on disk and forgets them for good when destroyed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'keys-'));
    const kek = randomBytes(32);
    const store = new LocalFileKeyStore({ directory, keyEncryptionKey: kek });
    const key = await store.createKey('p-1');
    expect(await store.createKey('p-1')).toEqual(key);
    const onDisk = readFileSync(join(directory, 'p-1.key'), 'utf8');
    expect(onDisk).not.toContain(key.toString('base64'));
    const reopened = new LocalFileKeyStore({ directory, keyEncryptionKey: kek });
    expect(await reopened.getKey('p-1')).toEqual(key);
    await reopened.destroyKey('p-1');
    expect(await reopened.getKey('p-1')).toBeNull();
    expect(await new LocalFileKeyStore({ directory, keyEncryptionKey: kek }).getKey('p-1')).toBeNull();
    expect(readdirSync(directory)).toEqual([]);
  });
});
