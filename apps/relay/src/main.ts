import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadRelayConfig, RelayConfigError } from './config/relay-config.js';
import { RelayAppModule } from './relay-app.module.js';

/** The relay process (production): event store → Kafka, with /health on HEALTH_PORT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadRelayConfig();
  } catch (error) {
    if (error instanceof RelayConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.create(RelayAppModule.forRoot(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.listen(config.health.port, config.health.host);
  new Logger('relay').log(`Relay running; health on ${await app.getUrl()}/health`);
}

void main();
