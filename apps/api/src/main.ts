import { ConfigError, loadConfig } from './config/app-config.js';
import { createApiApp, logger } from './bootstrap.js';

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
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  logger.log(`Group outcomes (${config.profile} mode) listening on ${url.replace('[::1]', 'localhost')}`);
  console.log(`\n  Dashboard: http://localhost:${config.port}/\n  API docs:  http://localhost:${config.port}/api/docs\n`);
}

void main();
