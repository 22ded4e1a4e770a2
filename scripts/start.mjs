#!/usr/bin/env node
// `npm start`: builds when the compiled api is missing or older than the sources, then runs
// the api in embedded mode (PORT, DATA_DIR, SEED_DEMO and the rest from the environment).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/apps/api/src/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (name.endsWith('.ts') || name.endsWith('.tsx')) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

const dashboard = join(root, 'dashboards/dist/index.html');
const stale =
  !existsSync(entry) ||
  !existsSync(dashboard) ||
  ['apps', 'libs'].some((dir) => newestSource(join(root, dir)) > statSync(entry).mtimeMs) ||
  newestSource(join(root, 'dashboards/src')) > statSync(dashboard).mtimeMs;
if (stale) {
  console.log('Building (first start, or sources changed)…');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// The api's V8 flags (docs/configuration.md, "Node flags of the api"): the Dockerfile and the benchmarks use the same.
const nodeFlags = JSON.parse(readFileSync(join(root, 'apps/api/node-flags.json'), 'utf8'));
const child = spawn(process.execPath, [...nodeFlags, entry], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
