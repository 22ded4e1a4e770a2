import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Which requests the dashboard answers. The api's own paths (API.md: everything under /api,
 * and /health and /metrics at the root) always pass through to Nest, whatever the method;
 * the dashboard only answers GET and HEAD. A path whose last segment has a file extension is
 * a bundle file (served if it exists, else Nest's 404); any other path is a view of the
 * single-page app and gets index.html, so a reload or a shared link of /alerts?status=open works.
 */
export type DashboardRoute = 'pass' | 'asset' | 'app';

const API_PATHS = ['/api', '/health', '/metrics'];

export function dashboardRoute(method: string, path: string): DashboardRoute {
  if (method !== 'GET' && method !== 'HEAD') return 'pass';
  if (API_PATHS.some((root) => path === root || path.startsWith(`${root}/`))) return 'pass';
  const last = path.slice(path.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]+$/.test(last) ? 'asset' : 'app';
}

/**
 * The built dashboard (`dashboards/dist`, made by `npm run build:dashboard`): looked for
 * from `start` upwards, so it is found from the sources (apps/api/src/dashboard) and from
 * the compiled api (dist/apps/api/src/dashboard) alike. Null when it was not built.
 */
export function findDashboardDir(start: string, exists: (path: string) => boolean = existsSync): string | null {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'dashboards', 'dist');
    if (exists(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
