import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiHarness, startApi } from '../../apps/api/src/testing/index.js';
import { ensureDashboardBuilt } from './build-dashboard.js';

/** The api serves the built dashboard at / without shadowing /api, /health or /metrics. */
describe('dashboard served by the api', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    ensureDashboardBuilt();
    api = await startApi();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('answers / with the app page and its security headers', async () => {
    const response = await fetch(`${api.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<div id="root"></div>');
  });

  it('answers a view path with the same page (single-page fallback) and serves hashed assets', async () => {
    const page = await (await fetch(`${api.baseUrl}/alerts?status=open`)).text();
    expect(page).toContain('<div id="root"></div>');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)![1]!;
    const asset = await fetch(api.baseUrl + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${api.baseUrl}/assets/missing-file.js`)).status).toBe(404);
  });

  it('leaves the api, health and metrics to Nest', async () => {
    const unknown = await api.http('GET', '/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const unauthenticated = await api.http('GET', '/api/v1/programs');
    expect(unauthenticated.status).toBe(401);
    expect((await api.http('GET', '/health')).body.status).toBe('ok');
    expect((await api.http('GET', '/metrics')).headers.get('content-type')).toMatch(/text\/plain/);
    expect((await api.http('GET', '/api/docs-json')).body.paths).toBeDefined();
  });

  it('never serves a file from outside the built dashboard (encoded dot segments included)', async () => {
    for (const path of ['/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/%2e%2e%2findex.html%00.js']) {
      const response = await fetch(api.baseUrl + path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.text()).not.toContain('"dependencies"');
    }
  });

  it('does not answer writes to view paths', async () => {
    const response = await fetch(`${api.baseUrl}/alerts`, { method: 'POST' });
    expect(response.status).toBe(404);
  });
});
