import { openChdbAnalyticsStore, openClickHouseServerStore } from '#libs/clickhouse';
import { migrate } from '#libs/projector';
import { loadMigrateConfig, ProjectorConfigError } from './config/projector-config.js';

/** `node dist/apps/projector/src/migrate.js`: applies pending ClickHouse migrations and exits (production deploy step). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadMigrateConfig();
  } catch (error) {
    if (error instanceof ProjectorConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const a = config.analytics;
  const store = a.kind === 'embedded' ? await openChdbAnalyticsStore({ path: a.path, database: a.database }) : await openClickHouseServerStore({ url: a.url, username: a.username, password: a.password, database: a.database });
  try {
    const applied = await migrate(store, config.engine ? { engine: config.engine } : {});
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
  } finally {
    await store.close();
  }
}

void main();
