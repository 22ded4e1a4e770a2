import { ConfigError, loadConfig } from './config/app-config.js';
import { EventStore } from '#libs/event-store';
import { applyHeapGrowth, collectOnceCaughtUp, shouldBound, stateSnapshotBytes } from './config/heap-growth.js';
import { ReadPositions } from './directory/read-positions.js';
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
  const restoredBytes = stateSnapshotBytes(config);
  applyHeapGrowth(config, { restoredBytes });
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  if (shouldBound(restoredBytes, config)) {
    // The bound should start from the restored state, not from the restore's transient peak.
    const head = await app.get(EventStore).headPosition();
    const positions = app.get(ReadPositions);
    void collectOnceCaughtUp(() => positions.stages().every((stage) => stage.position() >= head));
  }
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.log(`Group outcomes (${config.profile} mode) listening on ${url}`);
  if (config.seedDemo && config.auth === 'dev') await seedDemoOnFirstStart(app, url);
  const port = new URL(url).port;
  console.log(`\n  Dashboard: http://localhost:${port}/   (sign in with the dev sign-in, organization "demo")\n  API docs:  http://localhost:${port}/api/docs\n`);
}

void main();
