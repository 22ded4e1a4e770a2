import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** Paths and parsed YAML of the deploy/ folder, for the checks in test/deploy. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const deployDir = join(repoRoot, 'deploy');
export const kubernetesDir = join(deployDir, 'kubernetes');

export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** Every YAML document of a file; a syntax error anywhere fails loudly with the file named. */
export function yamlDocuments(path: string): unknown[] {
  // merge: the `<<:` merge key, which compose files use for shared blocks.
  const docs = parseAllDocuments(readFileSync(path, 'utf8'), { merge: true });
  return docs.map((doc, index) => {
    if (doc.errors.length > 0) throw new Error(`${relative(repoRoot, path)} document ${index + 1}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS({ maxAliasCount: 100 });
  });
}

export function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

/** `KEY=value` lines of a dotenv file (comments and blank lines skipped). */
export function parseDotEnv(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) entries.set(match[1]!, match[2]!);
  }
  return entries;
}

export class MissingVariable extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
  }
}

/**
 * Compose's interpolation of one string (https://docs.docker.com/reference/compose-file/interpolation/):
 * $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, and $$ for a literal $.
 */
export function interpolate(value: string, env: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name?: string, op?: string, arg?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const variable = (name ?? bare)!;
    const current = env.get(variable);
    const unsetOrEmpty = current === undefined || current === '';
    const missing = op?.startsWith(':') ? unsetOrEmpty : current === undefined;
    if (op?.endsWith('?') && missing) throw new MissingVariable(variable, `${variable}: ${arg}`);
    if (op?.endsWith('-') && missing) return arg ?? '';
    return current ?? '';
  });
}

/** Interpolates every string of a parsed compose file (keys stay as they are). */
export function interpolateDeep<T>(node: T, env: ReadonlyMap<string, string>): T {
  if (typeof node === 'string') return interpolate(node, env) as T;
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, env)) as T;
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateDeep(v, env)])) as T;
  return node;
}
