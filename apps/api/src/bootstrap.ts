import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AnalyticsStore } from '#libs/analytics-store';
import { EventStore } from '#libs/event-store';
import { cors, rateLimit, type RequestHook, securityHeaders, strictRateLimit } from './http/hardening.js';
import { ApiModule, type ApiOverrides } from './app.module.js';
import { sendProblem } from './http/problem.filter.js';
import type { AppConfig } from './config/app-config.js';
import { dashboardFiles } from './dashboard/dashboard-files.js';

/**
 * Builds the api application on Fastify (docs/decisions.md: it halves the HTTP stack's share of
 * a write against Express, docs/benchmarks.md): the body limit and malformed JSON become
 * problem+json (ProblemFilter), the hardening hooks run before routing, the dashboard is
 * served at /, graceful shutdown. Tests and main.ts both use this.
 */
export async function createApiApp(config: AppConfig, overrides: ApiOverrides = {}): Promise<NestFastifyApplication> {
  const headers = securityHeaders({ hsts: config.profile === 'production' });
  const adapter = new FastifyAdapter({
    bodyLimit: bytes(config.bodyLimit),
    return503OnClosing: false,
    // A user id (a token sub, PUT /staff/{userId}) may be 128 characters (API.md) and Fastify's default stops at 100;
    // up to 256 the route answers a too-long one with a 400 naming the field.
    routerOptions: { maxParamLength: 256 },
    // A URL Fastify cannot route (a malformed escape, a path segment over 256 characters) is answered before any hook runs.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      headers(request.raw, reply.raw);
      sendProblem(error, reply, logger);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, overrides), adapter, {
    bodyParser: false,
    logger: config.profile === 'benchmark' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // Media types like application/merge-patch+json are JSON too; Fastify parses application/json itself.
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'));
  const hooks: RequestHook[] = [headers, cors(config.corsOrigins)];
  if (config.rateLimitPerMinute > 0) {
    // Kiosk codes are short: at 30 tries a minute per address, guessing one is hopeless.
    hooks.push(rateLimit(config.rateLimitPerMinute), strictRateLimit('/api/v1/kiosk/sign-in', 30));
  }
  const dashboard = dashboardFiles(config);
  fastify.addHook('onRequest', async (request, reply) => {
    for (const hook of hooks) {
      const answer = hook(request.raw, reply.raw);
      if (answer) return reply.status(answer.status).headers(answer.headers ?? {}).send(answer.body ?? '');
    }
    return dashboard(request, reply);
  });
  app.enableShutdownHooks();
  return app;
}

/** `1mb`, `512kb`, `100b` (BODY_LIMIT) in bytes. */
function bytes(limit: string): number {
  const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(limit) ?? [];
  const factor = { b: 1, kb: 1024, mb: 1024 * 1024 }[(unit ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(amount) * factor;
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
