import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadProjectorConfig, ProjectorConfigError } from './config/projector-config.js';
import { ProjectorAppModule } from './projector-app.module.js';

/** The projector process (production): Kafka → ClickHouse, with /health on HEALTH_PORT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadProjectorConfig();
  } catch (error) {
    if (error instanceof ProjectorConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.create(ProjectorAppModule.forRoot(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.listen(config.health.port, config.health.host);
  new Logger('projector').log(`Projector running; health on ${await app.getUrl()}/health`);
}

void main();
