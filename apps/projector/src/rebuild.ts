import { ProjectorConfigError } from './config/projector-config.js';
import { loadRebuildConfig } from './config/rebuild-config.js';
import { runRebuildCommand } from './rebuild-command.js';

/**
 * `node dist/apps/projector/src/rebuild.js`: replays the event store into fresh ClickHouse tables
 * and swaps them in, then exits (exit 78 on bad configuration, 1 on failure; the current tables
 * stay in place then). Settings: the projector's ClickHouse ones plus EVENT_STORE/KURRENTDB_URL/DATA_DIR.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadRebuildConfig();
  } catch (error) {
    if (error instanceof ProjectorConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  try {
    const result = await runRebuildCommand(config);
    console.log(`Rebuilt ${result.tables.length} tables from ${result.events} events (up to position ${result.position}).`);
  } catch (error) {
    console.error(`Rebuild failed; the current tables stay in place: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void main();
