import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { DashboardMiddleware, DashboardOptions } from './dashboard.middleware.js';

/**
 * Mounts the dashboard middleware in front of every route. It passes /api, /health and
 * /metrics straight through, so it never shadows the api (dashboard-routes.ts).
 */
@Module({ providers: [DashboardMiddleware, { provide: DashboardOptions, useValue: { connectOrigins: [] } }] })
export class DashboardModule implements NestModule {
  /** `connectOrigins`: origins the page may call besides its own (the OIDC issuer's token endpoint). */
  static forRoot(options: DashboardOptions): DynamicModule {
    return { module: DashboardModule, providers: [DashboardMiddleware, { provide: DashboardOptions, useValue: options }] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(DashboardMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
