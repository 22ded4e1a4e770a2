import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboardBuilt } from './build-dashboard.js';
import { launchChromium, pageErrors, screenshot, signedInPage } from './browser.js';
import { type DemoApi, startDemoApi } from './demo-api.js';

/**
 * The Exports page (issue 9) in Chromium against the real api with the demo organization:
 * a researcher requests the Part 2 program's dataset, the manifest table shows the api's
 * numbers and the redisclosure notice, and a downloaded file hashes to the manifest's sha256.
 */
describe('exports page in the browser', () => {
  let demo: DemoApi;
  let browser: Browser;
  let researcher: string;
  let part2: { programId: string; name: string };

  beforeAll(async () => {
    ensureDashboardBuilt();
    demo = await startDemoApi();
    browser = await launchChromium();
    researcher = await demo.token('researcher', 'researcher-exports');
    part2 = (await demo.get(researcher, '/programs')).items.find((p: any) => p.part2 === true);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.api.close();
  });

  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

  it('a researcher requests the Part 2 program, sees the manifest as the api has it, and downloads a file whose sha256 matches', async () => {
    expect(part2).toBeDefined();
    const page = await signedInPage(browser, { token: researcher, sub: 'researcher-exports', org: demo.org, role: 'researcher' });
    await page.goto(demo.api.baseUrl + '/director');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Exports' }).click();
    await page.waitForURL('**/exports');
    await page.getByRole('heading', { name: 'Research exports' }).waitFor();
    await page.getByLabel('Program', { exact: true }).selectOption(part2.programId);

    // The api's own message is shown beside the field it concerns.
    const k = page.getByLabel(/Minimum cell size k/);
    await k.fill('5');
    await page.getByRole('button', { name: 'Request export' }).click();
    await page.locator('[data-error="export-k"]').waitFor();
    expect(await page.locator('[data-error="export-k"]').textContent()).toBe('k must be at least 11');
    expect(await k.getAttribute('aria-invalid')).toBe('true');
    expect(await k.getAttribute('aria-describedby')).toBe('export-k-error');
    expect(new URL(page.url()).searchParams.get('export')).toBeNull();

    await k.fill('11');
    await page.getByRole('button', { name: 'Request export' }).click();
    await page.waitForURL('**/exports?export=*');
    const exportId = new URL(page.url()).searchParams.get('export')!;
    await page.locator('[data-export-status="done"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-error="export-k"]').count()).toBe(0);

    const view = await demo.get(researcher, `/exports/${exportId}`);
    expect(view.status).toBe('done');
    const manifest = view.manifest;
    expect(await texts(page, '[data-table="export-files"] [data-cell="name"]')).toEqual(manifest.files.map((f: any) => f.name));
    expect(await texts(page, '[data-table="export-files"] [data-cell="rows"]')).toEqual(manifest.files.map((f: any) => String(f.rows)));
    expect(await texts(page, '[data-table="export-files"] [data-cell="sha256"]')).toEqual(manifest.files.map((f: any) => f.sha256));
    const fact = async (key: string) => (await page.locator(`[data-table="export-summary"] [data-value="${key}"] td`).textContent())?.trim();
    expect(await fact('participants')).toBe(String(manifest.participants));
    expect(await fact('k')).toBe(String(manifest.k));
    expect(await fact('rows-suppressed')).toBe(String(manifest.rowsSuppressed));
    expect(await fact('rows-generalized')).toBe(String(manifest.rowsGeneralized));
    expect(await fact('cells-suppressed')).toBe(String(manifest.cellsSuppressed));
    expect(await fact('policy-version')).toBe(manifest.policyVersion);
    expect(manifest.participants).toBeGreaterThan(0);

    // 42 CFR Part 2 programs carry the redisclosure notice (PRIVACY.md).
    expect(typeof manifest.notice).toBe('string');
    expect(await page.locator('[data-notice]').textContent()).toContain(manifest.notice);

    // The download is fetched with the bearer token and saved from a blob: its bytes are the manifest's.
    const csv = manifest.files.find((f: any) => f.name.endsWith('.csv') && f.rows > 0) ?? manifest.files[0];
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${csv.name}` }).click()]);
    expect(download.suggestedFilename()).toBe(csv.name);
    const bytes = await readFile((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(csv.sha256);

    await screenshot(page, 'exports');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('a therapist has no Exports link, and the page says exports are not for that role', async () => {
    const sub = 'therapist-exports';
    const token = await demo.token('therapist', sub);
    const page = await signedInPage(browser, { token, sub, org: demo.org, role: 'therapist' });
    await page.goto(demo.api.baseUrl + '/exports?export=00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { name: 'Research exports' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Exports' }).count()).toBe(0);
    await page.locator('[data-state="forbidden"]').first().waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
