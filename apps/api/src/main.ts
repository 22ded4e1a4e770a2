import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config/app-config.js';
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
  // Before the read models load: V8 reads the factor at every full collection (docs/configuration.md).
  if (config.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.log(`Group outcomes (${config.profile} mode) listening on ${url}`);
  if (config.seedDemo && config.auth === 'dev') await seedDemoOnFirstStart(app, url);
  const port = new URL(url).port;
  console.log(`\n  Dashboard: http://localhost:${port}/   (sign in with the dev sign-in, organization "demo")\n  API docs:  http://localhost:${port}/api/docs\n`);
}

void main();
