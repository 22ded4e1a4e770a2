import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repoRoot } from './build-dashboard.js';

/**
 * Debian's Chromium driven by playwright-core, with the flags of TESTING.md ("Browser"):
 * `npx playwright install` cannot download a browser here, so the system one is used.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

export const LAPTOP = { width: 1366, height: 900 };
export const TABLET = { width: 820, height: 1180 };

export interface SignedIn {
  token: string;
  sub: string;
  org: string;
  role: 'director' | 'therapist' | 'researcher';
}

/** A page already signed in: the session the sign-in screen would have stored, set before any script runs. */
export async function signedInPage(browser: Browser, session: SignedIn, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC' });
  await context.addInitScript((value) => (globalThis as any).sessionStorage.setItem('group-outcomes.session', value), JSON.stringify(session));
  const page = await context.newPage();
  collectPageErrors(page);
  return page;
}

/** Uncaught errors of the page fail the test that reads them (`pageErrors(page)`). */
const errors = new WeakMap<Page, string[]>();
export function collectPageErrors(page: Page): void {
  const list: string[] = [];
  errors.set(page, list);
  page.on('pageerror', (error) => list.push(error.message));
  // The api serves the page with a strict Content-Security-Policy: a violation means a blocked script or style.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) list.push(message.text());
  });
}
export function pageErrors(page: Page): string[] {
  return errors.get(page) ?? [];
}

/**
 * Screenshots go to docs/screenshots when UPDATE_SCREENSHOTS=1 (to refresh the README's
 * pictures), else to a temporary folder so a test run leaves the work tree clean.
 */
const screenshotDir = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'dashboard-screenshots-'));
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
