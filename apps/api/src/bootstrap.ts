import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express from 'express';
import { AnalyticsStore } from '#libs/analytics-store';
import { EventStore } from '#libs/event-store';
import { cors, rateLimit, securityHeaders, strictRateLimit } from './http/hardening.js';
import { ApiModule, type ApiOverrides } from './app.module.js';
import type { AppConfig } from './config/app-config.js';

/**
 * Builds the api application: our own JSON body parser (so the size limit and malformed JSON
 * become problem+json), the module, graceful shutdown. Tests and main.ts both use this.
 */
export async function createApiApp(config: AppConfig, overrides: ApiOverrides = {}): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config, overrides), {
    bodyParser: false,
    logger: config.profile === 'benchmark' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  app.use(securityHeaders({ hsts: config.profile === 'production' }));
  app.use(cors(config.corsOrigins));
  if (config.rateLimitPerMinute > 0) {
    app.use(rateLimit(config.rateLimitPerMinute));
    // Kiosk codes are short: at 30 tries a minute per address, guessing one is hopeless.
    app.use('/api/v1/kiosk/sign-in', strictRateLimit(30));
  }
  app.use(express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.enableShutdownHooks();
  return app;
}

/** Closes the app and then the event store it opened. */
export async function closeApiApp(app: INestApplication): Promise<void> {
  const store = app.get(EventStore);
  const analytics = app.get(AnalyticsStore, { strict: false });
  await app.close();
  await analytics.close();
  await store.close();
}

export const logger = new Logger('api');
