import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { DashboardMiddleware } from './dashboard.middleware.js';

/**
 * Mounts the dashboard middleware in front of every route. It passes /api, /health and
 * /metrics straight through, so it never shadows the api (dashboard-routes.ts).
 */
@Module({ providers: [DashboardMiddleware] })
export class DashboardModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(DashboardMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
