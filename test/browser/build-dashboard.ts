import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dashboards = join(repoRoot, 'dashboards');
const builtIndex = join(dashboards, 'dist', 'index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

/**
 * Builds the dashboard with Vite unless dashboards/dist is newer than every source, so the
 * browser tests always run against the code under test (CI runs them on a clean clone).
 */
export function ensureDashboardBuilt(): void {
  const sourcesChanged = !existsSync(builtIndex) || Math.max(newest(join(dashboards, 'src')), statSync(join(dashboards, 'vite.config.ts')).mtimeMs, statSync(join(dashboards, 'index.html')).mtimeMs) > statSync(builtIndex).mtimeMs;
  if (!sourcesChanged) return;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', dashboards, '--logLevel', 'warn'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}
