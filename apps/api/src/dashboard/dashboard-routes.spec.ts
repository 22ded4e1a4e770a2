import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { dashboardRoute, findDashboardDir } from './dashboard-routes.js';

describe('dashboardRoute', () => {
  it('passes the api, health and metrics through, with any method', () => {
    for (const path of ['/api', '/api/v1/programs', '/api/docs-json', '/health', '/metrics', '/health/x']) {
      expect(dashboardRoute('GET', path)).toBe('pass');
    }
    expect(dashboardRoute('POST', '/api/v1/programs')).toBe('pass');
  });

  it('answers views with the app and files with assets, for GET and HEAD only', () => {
    expect(dashboardRoute('GET', '/')).toBe('app');
    expect(dashboardRoute('GET', '/alerts')).toBe('app');
    expect(dashboardRoute('HEAD', '/participants/3f1c')).toBe('app');
    expect(dashboardRoute('GET', '/apiary')).toBe('app');
    expect(dashboardRoute('GET', '/healthy')).toBe('app');
    expect(dashboardRoute('GET', '/assets/index-abc.js')).toBe('asset');
    expect(dashboardRoute('GET', '/favicon.ico')).toBe('asset');
    expect(dashboardRoute('POST', '/alerts')).toBe('pass');
    expect(dashboardRoute('DELETE', '/')).toBe('pass');
  });
});

describe('findDashboardDir', () => {
  it('walks up to the folder that holds dashboards/dist/index.html', () => {
    const root = join('/', 'repo');
    const built = new Set([join(root, 'dashboards', 'dist', 'index.html')]);
    expect(findDashboardDir(join(root, 'dist', 'apps', 'api', 'src', 'dashboard'), (p) => built.has(p))).toBe(join(root, 'dashboards', 'dist'));
    expect(findDashboardDir(join(root, 'apps', 'api', 'src', 'dashboard'), () => false)).toBeNull();
  });
});
