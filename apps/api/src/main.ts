import { ConfigError, loadConfig } from './config/app-config.js';
import { applyHeapGrowth, stateSnapshotBytes } from './config/heap-growth.js';
import { createApiApp, logger } from './bootstrap.js';
import { seedDemoOnFirstStart } from './demo/seed-demo.js';

/** Starts the api (embedded mode by default) and prints where it listens. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  applyHeapGrowth(config, { restoredBytes: stateSnapshotBytes(config) });
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.log(`Group outcomes (${config.profile} mode) listening on ${url}`);
  if (config.seedDemo && config.auth === 'dev') await seedDemoOnFirstStart(app, url);
  const port = new URL(url).port;
  console.log(`\n  Dashboard: http://localhost:${port}/   (sign in with the dev sign-in, organization "demo")\n  API docs:  http://localhost:${port}/api/docs\n`);
}

void main();
