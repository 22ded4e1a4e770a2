import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboardRoute, findDashboardDir } from './dashboard-routes.js';

/**
 * The page may load only its own scripts and styles and talk only to this origin. recharts
 * sets inline style attributes, hence 'unsafe-inline' for styles (not scripts).
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy
 */
export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  const connect = ["'self'", ...connectOrigins].join(' ');
  return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src ${connect}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
}

/** DI token: with OIDC sign-in the page calls the issuer (discovery, token endpoint), so its origin is allowed to connect. */
export abstract class DashboardOptions {
  abstract readonly connectOrigins: readonly string[];
}

const here = fileURLToPath(new URL('.', import.meta.url));

/** Serves the built React dashboard at `/` with a single-page-app fallback (see dashboard-routes.ts). */
@Injectable()
export class DashboardMiddleware implements NestMiddleware {
  private readonly csp: string;
  private dir: string | null = null;
  private files: ReturnType<typeof express.static> | null = null;

  constructor(options: DashboardOptions) {
    this.csp = contentSecurityPolicy(options.connectOrigins);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const route = dashboardRoute(request.method, request.path);
    if (route === 'pass') return next();
    const dir = this.builtDir();
    if (!dir) {
      if (route === 'asset') return next();
      response.status(404).type('text/plain').send('The dashboard is not built. Run `npm run build:dashboard` (or `npm run build`), then reload.\n');
      return;
    }
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (route === 'asset') return this.files!(request, response, next);
    response.setHeader('Content-Security-Policy', this.csp);
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(dir, 'index.html'), (error) => error && next(error));
  }

  /** Looked up until found, so a dashboard built after the api started is served without a restart. */
  private builtDir(): string | null {
    if (!this.dir) {
      this.dir = findDashboardDir(here);
      if (this.dir) {
        this.files = express.static(this.dir, {
          index: false,
          fallthrough: true,
          // Vite puts a content hash in every file name under assets/: they never change.
          setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(this.dir!, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
        });
      }
    }
    return this.dir;
  }
}
