import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The api's own V8 flags (apps/api/node-flags.json), as `npm start` and the Dockerfile run it, so a
 * bench measures the api that ships; `override` (a bench's `--api-node-args="…"`) replaces them.
 */
export function apiNodeFlags(override?: string): string[] {
  if (override !== undefined) return override.split(' ').filter(Boolean);
  return JSON.parse(readFileSync(fileURLToPath(new URL('../../apps/api/node-flags.json', import.meta.url)), 'utf8')) as string[];
}
