import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRepoFile, repoRoot } from './support/deploy-files.js';
import { dockerfileStages, effective, lineage } from './support/dockerfile.js';

const stages = dockerfileStages();
const targets = { api: 'apps/api/src/main.ts', relay: 'apps/relay/src/main.ts', projector: 'apps/projector/src/main.ts' } as const;
const ignored = readRepoFile('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));

describe('deploy/docker/Dockerfile', () => {
  it('has a build stage with the native-module toolchain and slim Node 22 LTS bases', () => {
    for (const stage of stages.filter((s) => !stages.some((o) => o.name === s.from))) expect(stage.from).toMatch(/^node:22-[a-z]+-slim$/);
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.instructions.find((i) => i.keyword === 'RUN' && /apt-get install/.test(i.args))?.args).toEqual(expect.stringMatching(/python3.*make.*g\+\+/));
  });

  it('installs only production dependencies into the runtime image', () => {
    const prodDeps = stages.find((s) => s.name === 'prod-deps')!;
    expect(prodDeps.instructions.some((i) => i.keyword === 'RUN' && /npm ci --omit=dev/.test(i.args))).toBe(true);
    const runtime = stages.find((s) => s.name === 'runtime')!;
    expect(runtime.instructions.some((i) => i.keyword === 'COPY' && /--from=prod-deps \/app\/node_modules/.test(i.args))).toBe(true);
    expect(runtime.instructions.some((i) => i.keyword === 'COPY' && /--from=build /.test(i.args) && /node_modules/.test(i.args))).toBe(false);
  });

  it.each(Object.entries(targets))('target %s runs non-root, has a HEALTHCHECK and starts the compiled main', (target, source) => {
    const user = effective(stages, target, 'USER');
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(effective(stages, target, 'HEALTHCHECK')?.args).toMatch(/\/health/);
    const cmd = JSON.parse(effective(stages, target, 'CMD')!.args) as string[];
    // The api runs with the V8 flags `npm start` and the benchmarks use.
    const flags = target === 'api' ? (JSON.parse(readRepoFile('apps/api/node-flags.json')) as string[]) : [];
    expect(cmd).toEqual(['node', ...flags, `dist/${source.replace(/\.ts$/, '.js')}`]);
    expect(existsSync(join(repoRoot, source))).toBe(true);
  });

  it('copies only paths that exist and that .dockerignore lets through', () => {
    const copies = stages.flatMap((s) => s.instructions).filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='));
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of copies) {
      const sources = copy.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        expect({ source, exists: existsSync(join(repoRoot, source)) }).toEqual({ source, exists: true });
        expect({ source, ignoredBy: ignored.filter((pattern) => pattern === source || source.startsWith(`${pattern}/`)) }).toEqual({ source, ignoredBy: [] });
      }
    }
  });

  it('puts the migrations where the compiled projector looks for them', () => {
    // libs/projector/src/migrations.ts: from dist/libs/projector/src, ../../../../libs/projector/migrations/.
    const runtime = lineage(stages, 'projector').flatMap((s) => s.instructions);
    expect(runtime.some((i) => i.keyword === 'COPY' && i.args === 'libs/projector/migrations libs/projector/migrations')).toBe(true);
    expect(readRepoFile('libs/projector/src/migrations.ts')).toContain("'../../../../libs/projector/migrations/'");
  });

  it('reader can fail: a USER root target is caught', () => {
    const bad = dockerfileStages('ARG B=node:22-bookworm-slim\nFROM ${B} AS x\nUSER node\nFROM x AS y\nUSER root\n');
    expect(bad[0]!.from).toBe('node:22-bookworm-slim');
    expect(effective(bad, 'y', 'USER')!.args).toBe('root');
  });
});
