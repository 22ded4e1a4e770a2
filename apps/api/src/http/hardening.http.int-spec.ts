import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiHarness, startApi } from '../testing/api-harness.js';

describe('hardening', () => {
  let api: ApiHarness;
  beforeAll(async () => (api = await startApi({ RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://partner.example' })));
  afterAll(async () => api.close());

  it('sends security headers and no X-Powered-By', async () => {
    const result = await api.http('GET', '/health');
    expect(result.headers.get('x-content-type-options')).toBe('nosniff');
    expect(result.headers.get('x-frame-options')).toBe('DENY');
    expect(result.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(result.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps CORS closed except for listed origins', async () => {
    const stranger = await api.http('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const partner = await api.http('GET', '/health', { headers: { origin: 'https://partner.example' } });
    expect(partner.headers.get('access-control-allow-origin')).toBe('https://partner.example');
  });

  it('answers a CORS preflight from a listed origin with 204 and the allowed methods, and nothing to others', async () => {
    const partner = await api.http('OPTIONS', '/api/v1/programs', { headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST' } });
    expect(partner.status).toBe(204);
    expect(partner.headers.get('access-control-allow-methods')).toContain('POST');
    const stranger = await api.http('OPTIONS', '/api/v1/programs', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    expect(stranger.status).not.toBe(204);
  });

  it('answers 429 with Retry-After past the per-token rate, other tokens unaffected', async () => {
    const token = 'Bearer some-token';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.http('GET', '/api/v1/programs', { headers: { authorization: token } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await api.http('GET', '/api/v1/programs', { headers: { authorization: token } });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await api.http('GET', '/api/v1/programs', { headers: { authorization: 'Bearer another' } })).status).toBe(401);
  });

  it('limits a client that invents a new token per request by its address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await api.http('GET', '/api/v1/programs', { headers: { authorization: `Bearer invented-${i}` } })).status);
    // 5 per minute per token and 4 × 5 per address; the earlier test already spent 7 of them.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(12);
  });

  it('limits kiosk sign-in attempts per address, so codes cannot be guessed by volume', async () => {
    const defaults = await startApi();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await defaults.http('POST', '/api/v1/kiosk/sign-in', { body: { code: `WRONG${i}` } })).status);
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses[30]).toBe(429);
    await defaults.close();
  });
});
