import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Embedded mode keeps its secrets in files of their own under DATA_DIR/secrets (mode 0600),
 * apart from the event store file (PRIVACY.md: the key-encryption key never sits in the event
 * store or the repo). Created on first start, read on every later one.
 */
export function embeddedSecret(dataDir: string, name: 'kek' | 'dev-token-secret'): Buffer {
  const directory = join(dataDir, 'secrets');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, name);
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}
