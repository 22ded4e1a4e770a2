import { createDecipheriv } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface FoundField {
  readonly keyId: string;
  readonly iv: string;
  readonly tag: string;
  readonly ct: string;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file's bytes under `dir` (the SQLite file, its WAL and shared memory, keys, secrets). */
export function allBytes(dir: string): string {
  return filesUnder(dir)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n');
}

function tryDecrypt(key: Buffer, field: FoundField): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(field.iv, 'base64'));
    decipher.setAAD(Buffer.from(field.keyId, 'utf8'));
    decipher.setAuthTag(Buffer.from(field.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * What an attacker holding a copy of DATA_DIR can read: every AES-256-GCM field found in any
 * file's bytes, tried with every 32-byte secret found in any file (the key-encryption key),
 * then with every data key those secrets unwrap. Written independently of the product's
 * cipher code, so a test using it does not trust what it checks.
 */
export function recoverPlaintexts(dataDir: string): Set<string> {
  const text = allBytes(dataDir);
  const fields: FoundField[] = [];
  for (const match of text.matchAll(/\{[^{}]*"alg":"A256GCM"[^{}]*\}/g)) {
    try {
      fields.push(JSON.parse(match[0]) as FoundField);
    } catch {
      /* a torn copy in a free page: not decryptable anyway */
    }
  }
  const secrets = new Set<string>();
  for (const file of filesUnder(dataDir)) {
    const raw = readFileSync(file);
    const decoded = Buffer.from(raw.toString('utf8').trim(), 'base64');
    if (decoded.length === 32) secrets.add(decoded.toString('base64'));
    if (raw.length === 32) secrets.add(raw.toString('base64'));
  }
  const dataKeys = new Set<string>();
  for (const secret of secrets) {
    for (const field of fields) {
      const unwrapped = tryDecrypt(Buffer.from(secret, 'base64'), field);
      if (unwrapped && Buffer.from(unwrapped, 'base64').length === 32) dataKeys.add(unwrapped);
    }
  }
  const recovered = new Set<string>();
  for (const key of [...dataKeys, ...secrets]) {
    for (const field of fields) {
      const plain = tryDecrypt(Buffer.from(key, 'base64'), field);
      if (plain !== null) recovered.add(plain);
    }
  }
  return recovered;
}
