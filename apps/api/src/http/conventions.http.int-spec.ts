import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '#libs/system';
import { loadConfig } from '../config/app-config.js';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { head, organizationFixture } from '../testing/fixtures.js';

describe('HTTP conventions of API.md', () => {
  let api: ApiHarness;
  // 2026-03-10 03:00 UTC is still 2026-03-09 in New York, the fixture program's zone.
  const clock = new FixedClock(new Date('2026-03-10T03:00:00Z'));
  let fx: Awaited<ReturnType<typeof organizationFixture>>;
  beforeAll(async () => {
    api = await startApi({ BODY_LIMIT: '2kb' }, { clock });
    fx = await organizationFixture(api);
  });
  afterAll(async () => api.close());

  it('answers 401 problem+json without a token or with a bad one', async () => {
    const none = await api.http('GET', '/api/v1/programs');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    expect((await api.http('GET', '/api/v1/programs', { token: 'not.a.token' })).status).toBe(401);
  });

  it('validates dev-token claims', async () => {
    const bad = await api.http('POST', '/api/v1/auth/dev-token', { body: { sub: 'has space', org: 'demo', role: 'king' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/role', '/sub']);
  });

  it('answers a URL the router cannot take (a 300-character id, a broken escape) as problem+json with the security headers', async () => {
    for (const path of [`/api/v1/programs/${'x'.repeat(300)}`, '/api/v1/programs/%E0%A4%A']) {
      const response = await api.http('GET', path, { token: fx.director });
      expect({ path, status: response.status < 500 && response.status >= 400 }).toEqual({ path, status: true });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.body).toMatchObject({ status: response.status, code: expect.any(String) });
    }
  });

  it('answers malformed JSON with 400 and an oversized body with 413, writing nothing', async () => {
    const before = await head(api);
    const malformed = await api.http('POST', '/api/v1/programs', { token: fx.director, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
    const huge = await api.http('POST', '/api/v1/programs', { token: fx.director, body: { name: 'x'.repeat(4000), part2: false, timeZone: 'UTC' } });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await head(api)).toBe(before);
  });

  it('refuses dates in the future of the program time zone, allowing today there', async () => {
    const participantId = await fx.participant();
    const tomorrowThere = await api.http('POST', `/api/v1/groups/${fx.groupId}/members`, { token: fx.director, body: { participantId, joinedOn: '2026-03-10' } });
    expect(tomorrowThere.status).toBe(422);
    expect(tomorrowThere.body.code).toBe('DATE_IN_FUTURE');
    const todayThere = await api.http('POST', `/api/v1/groups/${fx.groupId}/members`, { token: fx.director, body: { participantId, joinedOn: '2026-03-09' } });
    expect(todayThere.status).toBe(201);
  });

  it('replays a repeated Idempotency-Key with the first response and appends nothing; another body is 409', async () => {
    const headers = { 'Idempotency-Key': 'create-program-42' };
    const body = { name: 'Idempotent program', part2: false, timeZone: 'UTC' };
    const first = await api.http('POST', '/api/v1/programs', { token: fx.director, body, headers });
    expect(first.status).toBe(201);
    const before = await head(api);
    const again = await api.http('POST', '/api/v1/programs', { token: fx.director, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await head(api)).toBe(before);
    const other = await api.http('POST', '/api/v1/programs', { token: fx.director, body: { ...body, name: 'Different' }, headers });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps idempotency records across a restart', async () => {
    const dir = api.dataDir;
    const headers = { 'Idempotency-Key': 'survives-restart' };
    const body = { name: 'Restart program', part2: true, timeZone: 'UTC' };
    const first = await api.http('POST', '/api/v1/programs', { token: fx.director, body, headers });
    const { closeApiApp } = await import('../bootstrap.js');
    await closeApiApp(api.app);
    const restarted = await startApi({ BODY_LIMIT: '2kb' }, { clock }, dir);
    api = restarted;
    const token = await api.token('director', 'director-1');
    const again = await api.http('POST', '/api/v1/programs', { token, body, headers });
    expect(again.status).toBe(201);
    expect(again.body.programId).toBe(first.body.programId);
    expect((await api.store.readAll()).filter((e) => e.type === 'ProgramCreated' && (e.data as { name: string }).name === 'Restart program')).toHaveLength(1);
  });

  it('answers unknown routes with a problem, never a stack trace', async () => {
    const result = await api.http('GET', '/api/v1/nowhere', { token: fx.director });
    expect(result.status).toBe(404);
    expect(result.body.code).toBe('ROUTE_NOT_FOUND');
    expect(JSON.stringify(result.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('answers 503 with Retry-After when minPosition is not reached in time', async () => {
    const restarted = await startApi({ MIN_POSITION_WAIT_MS: '50' });
    const token = await restarted.token('director');
    const result = await restarted.http('GET', '/api/v1/programs?minPosition=999999', { token });
    expect(result.status).toBe(503);
    expect(result.headers.get('retry-after')).toBe('1');
    const bad = await restarted.http('GET', '/api/v1/programs?minPosition=abc', { token });
    expect(bad.status).toBe(400);
    await restarted.close();
  });
});

describe('configuration', () => {
  it('refuses dev auth and missing settings in the production profile, naming each setting', () => {
    expect(() => loadConfig({ APP_PROFILE: 'production', AUTH: 'dev' })).toThrow(/AUTH: the production profile refuses dev auth/);
    expect(() => loadConfig({ APP_PROFILE: 'production' })).toThrow(/KEY_ENCRYPTION_KEY/);
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_URL: required/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('defaults to embedded mode on port 3000 with the demo seeded', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ profile: 'embedded', port: 3000, seedDemo: true, auth: 'dev', eventStore: { kind: 'sqlite' } });
  });
});
