import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { type AppName, settingNames } from './support/config-keys.js';
import { deployDir, listFiles, readRepoFile } from './support/deploy-files.js';

const configuration = readRepoFile('docs/configuration.md');
const operations = readRepoFile('docs/operations.md');
const deployText = [...listFiles(deployDir, '.yaml'), ...listFiles(deployDir, '.example')].map((path) => readFileSync(path, 'utf8'));
const apps: AppName[] = ['api', 'relay', 'projector'];

describe('operator docs', () => {
  it.each(apps)('docs/configuration.md names every setting of the %s', (app) => {
    const missing = [...settingNames(app)].filter((name) => !configuration.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('the deploy files never set a test-only setting', () => {
    for (const text of deployText) expect(text).not.toMatch(/FAULT_CRASH_AT|SEED_DEMO:\s*"?true/);
  });

  it('docs/operations.md covers what an operator needs', () => {
    for (const topic of ['## Scaling', 'Kafka partitions', '## Rebuilding projections', '## Backups', '## Key management', '## Upgrades', 'FINAL', 'ON CLUSTER']) expect(operations).toContain(topic);
  });
});
