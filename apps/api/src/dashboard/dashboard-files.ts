import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../config/app-config.js';
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

/** The kinds of file Vite writes into dashboards/dist. */
const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Serves the built React dashboard at `/` with a single-page-app fallback (dashboard-routes.ts),
 * as an `onRequest` step in front of the api: undefined lets the request go on to the api.
 * With OIDC sign-in the page calls the issuer (discovery, token endpoint), so its origin may be connected to.
 */
export function dashboardFiles(config: AppConfig): (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined {
  const csp = contentSecurityPolicy(config.oidc && config.auth !== 'dev' ? [new URL(config.oidc.issuer).origin] : []);
  let dir: string | null = null;
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const route = dashboardRoute(request.method, path);
    if (route === 'pass') return undefined;
    // Looked up until found, so a dashboard built after the api started is served without a restart.
    dir ??= findDashboardDir(here);
    if (!dir) return route === 'asset' ? undefined : reply.status(404).type('text/plain').send('The dashboard is not built. Run `npm run build:dashboard` (or `npm run build`), then reload.\n');
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer');
    if (route === 'app') return sendFile(reply.header('Content-Security-Policy', csp), join(dir, 'index.html'), 'no-cache');
    const file = inside(dir, path);
    if (!file) return undefined;
    // Vite puts a content hash in every file name under assets/: they never change.
    return sendFile(reply, file, file.startsWith(join(dir, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
}

/** The file of `dir` that `urlPath` names, or null when it does not exist or would leave `dir`. */
function inside(dir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = normalize(join(dir, decoded));
  if (!file.startsWith(dir + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function sendFile(reply: FastifyReply, file: string, cacheControl: string): FastifyReply {
  return reply
    .header('Cache-Control', cacheControl)
    .type(MEDIA_TYPES[extname(file)] ?? 'application/octet-stream')
    .send(createReadStream(file));
}
