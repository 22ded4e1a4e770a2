import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { type ApiHarness, startApi } from '../../apps/api/src/testing/index.js';
import { ensureDashboardBuilt } from './build-dashboard.js';
import { collectPageErrors, LAPTOP, launchChromium, pageErrors } from './browser.js';
import { LocalOidcProvider } from './oidc-provider.js';

/**
 * Production sign-in in Chromium: the real api with AUTH=oidc (embedded profile, so SQLite and
 * chDB) trusts a local OpenID provider; the dashboard signs in with authorization code + PKCE
 * and its first authenticated call (the programs of the director view) succeeds.
 */
describe('dashboard OIDC sign-in', () => {
  const director = { sub: 'director-oidc', org: 'clinic-oidc', role: 'director', name: 'Dr Oidc' };
  let provider: LocalOidcProvider;
  let api: ApiHarness;
  let browser: Browser;

  beforeAll(async () => {
    ensureDashboardBuilt();
    provider = await new LocalOidcProvider('dashboard', 'group-outcomes').start();
    api = await startApi({ AUTH: 'oidc', OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: 'group-outcomes', OIDC_JWKS_URL: `${provider.issuer}/jwks`, OIDC_CLIENT_ID: 'dashboard' });
    provider.dashboardOrigin = new URL(api.baseUrl).origin;
    provider.user = director;
    const created = await api.http('POST', '/api/v1/programs', { token: await provider.accessToken(director), body: { name: 'Program seen through OIDC', part2: false, timeZone: 'UTC' } });
    expect(created.status).toBe(201);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await provider?.stop();
  });

  async function freshPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: LAPTOP, locale: 'en-GB', timezoneId: 'UTC' })).newPage();
    collectPageErrors(page);
    return page;
  }

  it('serves the OIDC settings and lets the page connect to the issuer, and only to it', async () => {
    expect((await api.http('GET', '/api/v1/auth/config')).body).toEqual({ mode: 'oidc', issuer: provider.issuer, clientId: 'dashboard', scope: 'openid profile', audience: 'group-outcomes' });
    expect((await api.http('POST', '/api/v1/auth/dev-token', { body: { sub: 'x', org: 'y', role: 'director' } })).status).toBe(404);
    const csp = (await fetch(`${api.baseUrl}/`)).headers.get('content-security-policy') ?? '';
    expect(/connect-src ([^;]*)/.exec(csp)?.[1]).toBe(`'self' ${provider.issuer}`);
  });

  it('the test provider refuses a code redeemed with a verifier that does not match its challenge', async () => {
    const verifier = 'a-verifier-of-at-least-43-characters-0123456789abcdef';
    const authorize = new URL(`${provider.issuer}/authorize`);
    const redirectUri = `${provider.dashboardOrigin}/auth/callback`;
    authorize.search = new URLSearchParams({ response_type: 'code', client_id: 'dashboard', redirect_uri: redirectUri, state: 's', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' }).toString();
    const redeem = async (codeVerifier: string) => {
      const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
      return fetch(`${provider.issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'dashboard', code_verifier: codeVerifier }) });
    };
    const refused = await redeem(`${verifier}-wrong`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await redeem(verifier)).status).toBe(200);
  });

  it('signs in through the provider with PKCE, cleans the address bar, loads the director view and signs out', async () => {
    const page = await freshPage();
    await page.goto(`${api.baseUrl}/`);
    await expect(page.getByRole('heading', { name: 'Development sign-in' }).count()).resolves.toBe(0);
    const before = provider.tokenRequests.length;
    await page.getByRole('button', { name: 'Sign in with your organization' }).click();
    await page.waitForURL('**/director');
    await page.getByRole('heading', { name: 'Program overview' }).waitFor();
    // Shown only when GET /programs answered with the program created by this user: the bearer token worked.
    await page.locator('option', { hasText: 'Program seen through OIDC' }).first().waitFor({ state: 'attached' });
    expect(await page.locator('.who').textContent()).toContain('Dr Oidc · director · clinic-oidc');
    expect(provider.tokenRequests.slice(before)).toEqual([{ status: 200 }]);
    const stored = await page.evaluate(() => ({ session: (globalThis as any).sessionStorage.getItem('group-outcomes.session'), pending: (globalThis as any).sessionStorage.getItem('group-outcomes.oidc-pending') }));
    expect(JSON.parse(stored.session)).toMatchObject({ sub: 'director-oidc', org: 'clinic-oidc', role: 'director' });
    expect(stored.pending).toBeNull();
    expect(page.url()).not.toContain('code=');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with your organization' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('group-outcomes.session'))).toBeNull();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows the refusal and stays signed out when the token endpoint refuses the verifier', async () => {
    const page = await freshPage();
    await page.goto(`${api.baseUrl}/`);
    provider.mismatchNextChallenge = true;
    await page.getByRole('button', { name: 'Sign in with your organization' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('PKCE verification failed');
    expect(provider.tokenRequests.at(-1)).toEqual({ status: 400, error: 'invalid_grant: PKCE verification failed' });
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('group-outcomes.session'))).toBeNull();
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('button', { name: 'Back to sign-in' }).click();
    await page.getByRole('button', { name: 'Sign in with your organization' }).waitFor();
    await page.context().close();
  }, 60_000);
});
