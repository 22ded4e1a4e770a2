import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboardBuilt } from './build-dashboard.js';
import { LAPTOP, launchChromium, pageErrors, screenshot, signedInPage, TABLET } from './browser.js';
import { type DemoApi, percentText, startDemoApi } from './demo-api.js';

/**
 * The dashboard in Debian's Chromium against the real api with the demo organization seeded:
 * each view shows the api's numbers, filters change them, acknowledging works.
 */
describe('dashboard in the browser', () => {
  let demo: DemoApi;
  let browser: Browser;
  let director: string;
  let program: { programId: string; name: string };
  let groups: { groupId: string; programId: string; name: string; facilitatorIds: string[]; activeMembers: number }[];

  beforeAll(async () => {
    ensureDashboardBuilt();
    demo = await startDemoApi();
    browser = await launchChromium();
    director = await demo.token('director', 'director-browser');
    const programs = (await demo.get(director, '/programs')).items;
    program = programs.find((p: any) => p.schedule?.some((s: any) => s.instrument === 'PHQ-9')) ?? programs[0];
    groups = (await demo.get(director, '/groups')).items;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.api.close();
  });

  const session = (token: string, sub: string, role: 'director' | 'therapist' | 'researcher' = 'director') => ({ token, sub, org: demo.org, role });
  const at = (page: Page, path: string) => page.goto(demo.api.baseUrl + path);
  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
  const kpi = (page: Page, name: string) => text(page, `[data-kpi="${name}"] .kpi-value`);

  it('signs in through the dev sign-in screen (dev auth offers no organization sign-in)', async () => {
    const page = await (await browser.newContext({ viewport: LAPTOP })).newPage();
    await at(page, '/');
    await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
    await expect(page.getByRole('button', { name: 'Sign in with your organization' }).count()).resolves.toBe(0);
    await screenshot(page, 'sign-in');
    // Keyboard only: the form is reachable and submits with Enter.
    await page.getByLabel('Role', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('director-browser');
    await expect(page.getByLabel('Organization', { exact: true }).inputValue()).resolves.toBe('demo');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/director');
    await page.getByRole('heading', { name: 'Program overview' }).waitFor();
    const stored = JSON.parse((await page.evaluate(() => (globalThis as any).sessionStorage.getItem('group-outcomes.session'))) ?? '{}');
    expect(stored).toMatchObject({ sub: 'director-browser', org: 'demo', role: 'director' });
    await page.context().close();
  }, 60_000);

  it('director view: KPIs equal the api, and the group filter changes them', async () => {
    const page = await signedInPage(browser, session(director, 'director-browser'));
    await at(page, `/director?program=${program.programId}&instrument=PHQ-9`);
    await page.locator('[data-kpi="reliable-improvement"]').waitFor();
    const inProgram = groups.filter((g) => g.programId === program.programId);
    expect(await kpi(page, 'active')).toBe(String(inProgram.reduce((s, g) => s + g.activeMembers, 0)));
    const outcomes = await demo.get(director, `/programs/${program.programId}/outcomes?instrument=PHQ-9&method=threshold`);
    expect(await kpi(page, 'reliable-improvement')).toBe(percentText(outcomes.rates.reliableImprovement));
    expect(await kpi(page, 'recovery')).toBe(percentText(outcomes.rates.recovery));
    expect(await kpi(page, 'reliable-recovery')).toBe(percentText(outcomes.rates.reliableRecovery));
    // The comparison asks for a page of 25 groups and therapists; the demo's fit on one.
    const page25 = await demo.get(director, `/programs/${program.programId}/outcomes?instrument=PHQ-9&method=threshold&breakdownLimit=25`);
    expect(page25.byGroupTotal).toBe(outcomes.byGroup.length);
    await page.locator('[data-table="by-group"] tbody tr').first().waitFor({ state: 'attached' });
    expect(await page.locator('[data-table="by-group"] tbody tr td:nth-child(2)').allTextContents()).toEqual(page25.byGroup.map((g: any) => String(g.n)));
    expect(await page.locator('[data-table="by-therapist"] tbody tr td:nth-child(2)').allTextContents()).toEqual(page25.byTherapist.map((t: any) => String(t.n)));
    // Therapists by name (PUT /staff/{userId}; the demo names every facilitator), not by id.
    expect(page25.byTherapist.length).toBeGreaterThan(0);
    expect(page25.byTherapist.every((t: any) => typeof t.therapistName === 'string' && t.therapistName !== t.therapistId)).toBe(true);
    expect(await page.locator('[data-table="by-therapist"] tbody th').allTextContents()).toEqual(page25.byTherapist.map((t: any) => t.therapistName));
    expect([page25.byGroupTotal, page25.byTherapistTotal].every((total: number) => total <= 25)).toBe(true);
    expect(await page.locator('[data-value="breakdown-shown"]').count()).toBe(0);
    const cohesions = await Promise.all(inProgram.map((g) => demo.get(director, `/groups/${g.groupId}/cohesion`)));
    const sessions = cohesions.flatMap((c: any) => c.sessions);
    const rate = sessions.reduce((s: number, x: any) => s + x.present + x.late, 0) / sessions.reduce((s: number, x: any) => s + x.enrolled, 0);
    await page.locator('[data-kpi="attendance"]').waitFor();
    expect(await kpi(page, 'attendance')).toBe(percentText(rate));
    const attendance = await demo.get(director, `/programs/${program.programId}/attendance`);
    expect(await text(page, '[data-kpi="attendance"] .kpi-note')).toBe(`${attendance.present + attendance.late} of ${attendance.enrolled} places, ${sessions.length} sessions`);
    const retention = await demo.get(director, `/programs/${program.programId}/retention`);
    expect(await text(page, '[data-value="median-days"] strong')).toBe(retention.medianDays === null ? 'not reached' : `${retention.medianDays} days`);
    const monthly = await demo.get(director, `/programs/${program.programId}/trends?instrument=PHQ-9&bucket=month`);
    await page.locator('[data-table="trends"] tbody tr').first().waitFor({ state: 'attached' });
    expect(await page.locator('[data-table="trends"] tbody tr td:nth-child(2)').allTextContents()).toEqual(monthly.items.map((i: any) => (i.mean === null ? '—' : i.mean.toFixed(1))));
    await screenshot(page, 'director');
    await page.getByLabel('Trend by', { exact: true }).selectOption('week');
    await page.waitForURL('**bucket=week**');
    const weekly = await demo.get(director, `/programs/${program.programId}/trends?instrument=PHQ-9&bucket=week`);
    expect(weekly.items.length).toBeGreaterThan(monthly.items.length);
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-table="trends"] tbody tr').length === n, weekly.items.length);
    expect(await page.locator('[data-table="trends"] tbody tr td:nth-child(3)').allTextContents()).toEqual(weekly.items.map((i: any) => String(i.n)));

    const group = inProgram[0]!;
    await page.getByLabel('Group', { exact: true }).selectOption(group.groupId);
    await page.waitForURL(`**group=${group.groupId}**`);
    const filtered = await demo.get(director, `/programs/${program.programId}/outcomes?instrument=PHQ-9&method=threshold&groupId=${group.groupId}`);
    await page.waitForFunction((n) => (globalThis as any).document.querySelector('[data-kpi="active"] .kpi-value')?.textContent === n, String(group.activeMembers));
    await page.waitForFunction((v) => (globalThis as any).document.querySelector('[data-kpi="reliable-improvement"] .kpi-value')?.textContent === v, percentText(filtered.rates.reliableImprovement));
    expect(new URL(page.url()).searchParams.get('group')).toBe(group.groupId);

    // The instrument filter: the outcome KPIs follow it.
    await page.getByLabel('Instrument', { exact: true }).selectOption('GAD-7');
    await page.waitForURL('**instrument=GAD-7**');
    const gad = await demo.get(director, `/programs/${program.programId}/outcomes?instrument=GAD-7&method=threshold&groupId=${group.groupId}`);
    await page.getByText('Reliable improvement (GAD-7)').waitFor();
    await page.waitForFunction((v) => (globalThis as any).document.querySelector('[data-kpi="recovery"] .kpi-value')?.textContent === v, percentText(gad.rates.recovery));
    await page.getByLabel('Instrument', { exact: true }).selectOption('PHQ-9');

    // A date filter: attendance over the group's sessions from that day on, as the api counts them.
    const all = (await demo.get(director, `/groups/${group.groupId}/cohesion`)).sessions;
    const from = all[Math.floor(all.length / 2)].date;
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.waitForURL(`**from=${from}**`);
    const later = (await demo.get(director, `/groups/${group.groupId}/cohesion?from=${from}`)).sessions;
    expect(later.length).toBeLessThan(all.length);
    const laterRate = later.reduce((s: number, x: any) => s + x.present + x.late, 0) / later.reduce((s: number, x: any) => s + x.enrolled, 0);
    await page.waitForFunction((v) => (globalThis as any).document.querySelector('[data-kpi="attendance"] .kpi-value')?.textContent === v, percentText(laterRate));
    const windowed = await demo.get(director, `/programs/${program.programId}/outcomes?instrument=PHQ-9&method=threshold&groupId=${group.groupId}&from=${from}`);
    await page.waitForFunction((v) => (globalThis as any).document.querySelector('[data-kpi="reliable-improvement"] .kpi-value')?.textContent === v, percentText(windowed.rates.reliableImprovement));
    await page.setViewportSize(TABLET);
    await screenshot(page, 'director-tablet');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('therapist view: my groups, cohesion per session and the member table equal the api', async () => {
    const group = groups.find((g) => g.programId === program.programId)!;
    const sub = group.facilitatorIds[0]!;
    const token = await demo.token('therapist', sub);
    const mine = (await demo.get(token, '/groups')).items;
    const page = await signedInPage(browser, session(token, sub, 'therapist'));
    await at(page, '/therapist');
    await page.locator('[data-panel="my-groups"] .group-name').first().waitFor();
    expect(await page.locator('[data-panel="my-groups"] .group-name').allTextContents()).toEqual(mine.map((g: any) => g.name));
    // Facilitators by name: "with Ana Okafor" or "with Ana Okafor and Ben Varga".
    const withNames = (g: any) => `with ${g.facilitators.map((f: any) => f.name).join(' and ')}`;
    expect(mine.every((g: any) => g.facilitators.length <= 2 && g.facilitators.every((f: any) => typeof f.name === 'string'))).toBe(true);
    expect(await page.locator('[data-panel="my-groups"] [data-value="facilitators"]').allTextContents()).toEqual(mine.map(withNames));
    await page.locator('[data-panel="my-groups"] a', { hasText: group.name }).click();
    await page.waitForURL(`**/therapist?group=${group.groupId}`);

    const cohesion = await demo.get(token, `/groups/${group.groupId}/cohesion`);
    await page.locator('[data-table="cohesion"] tbody tr').first().waitFor();
    expect(await page.locator('[data-table="cohesion"] [data-cell="attendance-rate"]').allTextContents()).toEqual(cohesion.sessions.map((s: any) => percentText(s.attendanceRate)));

    const table = await demo.get(token, `/groups/${group.groupId}/members`);
    await page.locator('[data-table="members"] tbody tr').first().waitFor();
    const shownNames = await page.locator('[data-table="members"] tbody th').allTextContents();
    expect([...shownNames].sort()).toEqual(table.members.map((m: any) => m.displayName).sort());
    const open = (await demo.get(token, '/alerts?status=open')).items;
    for (const member of table.members.filter((m: any) => m.leftOn === null)) {
      const row = page.locator(`[data-table="members"] tr[data-participant="${member.participantId}"]`).first();
      expect(await row.locator('[data-cell="dose"]').textContent()).toBe(String(member.dose));
      expect(await row.locator('[data-cell="missed"]').textContent()).toBe(String(member.consecutiveMissed));
      for (const latest of member.latest.filter((l: any) => l.total !== null)) {
        expect(await row.locator(`[data-instrument="${latest.instrument}"] [data-score]`).textContent()).toBe(Number.isInteger(latest.total) ? String(latest.total) : latest.total.toFixed(1));
      }
      expect(((await row.locator('[data-cell="open-alerts"]').textContent()) ?? '').trim().split(' ')[0]).toBe(String(open.filter((a: any) => a.participantId === member.participantId).length));
    }
    await screenshot(page, 'therapist');
    await page.setViewportSize(TABLET);
    await screenshot(page, 'therapist-tablet');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('participant timeline: scores, milestones and attendance equal the api', async () => {
    const token = director;
    const members = (await demo.get(token, `/participants?groupId=${groups.find((g) => g.programId === program.programId)!.groupId}`)).items;
    let chosen: { participantId: string; displayName: string; timeline: any } | null = null;
    for (const m of members) {
      const timeline = await demo.get(token, `/participants/${m.participantId}/timeline`);
      if (timeline.measures.some((x: any) => x.instrument === 'PHQ-9' && !x.voided) && timeline.milestones.length > 0) {
        chosen = { ...m, timeline };
        break;
      }
      chosen ??= { ...m, timeline };
    }
    const page = await signedInPage(browser, session(director, 'director-browser'));
    await at(page, `/participants/${chosen!.participantId}?instrument=PHQ-9`);
    await page.getByRole('heading', { name: `Timeline of ${chosen!.displayName}` }).waitFor();
    await page.locator('[data-table="measures"] tbody tr').first().waitFor();
    const instrument = await page.getByLabel('Instrument', { exact: true }).inputValue();
    const expected = chosen!.timeline.measures
      .filter((m: any) => m.instrument === instrument && !m.voided && m.score.valid && m.score.total !== null)
      .sort((a: any, b: any) => a.administeredOn.localeCompare(b.administeredOn))
      .map((m: any) => m.score.metric ?? m.score.total)
      .map((v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1)));
    expect(await page.locator('[data-table="measures"] [data-cell="score"]').allTextContents()).toEqual(expected);
    expect(await page.locator('[data-list="milestones"] li').count()).toBe(chosen!.timeline.milestones.length);
    const attended = chosen!.timeline.attendance.filter((a: any) => a.status === 'present' || a.status === 'late').length;
    expect(await text(page, '[data-value="attendance-summary"]')).toBe(`${attended} of ${chosen!.timeline.attendance.length} sessions attended`);
    await screenshot(page, 'participant-timeline');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('alerts inbox: lists the open alerts with names, and acknowledging one moves it', async () => {
    const before = (await demo.get(director, '/alerts?status=open')).items;
    expect(before.length).toBeGreaterThan(0);
    const names = new Map((await demo.get(director, '/participants')).items.map((p: any) => [p.participantId, p.displayName]));
    const page = await signedInPage(browser, session(director, 'director-browser'));
    const participantLists: URL[] = [];
    const alertLists: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/participants') participantLists.push(url);
      if (url.pathname === '/api/v1/alerts') alertLists.push(url);
    });
    await at(page, '/alerts');
    await page.locator('[data-table="alerts"] tbody tr').first().waitFor();
    // The inbox shows the newest 100 and says how many there are; "Show more" adds the next 100.
    let shown = Math.min(before.length, 100);
    expect(await page.locator('[data-table="alerts"] tbody tr').count()).toBe(shown);
    if (before.length > shown) {
      expect(await text(page, '[data-value="alerts-shown"]')).toContain(`Showing the newest ${shown} of ${before.length}.`);
      await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
      shown = Math.min(before.length, 200);
      await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-table="alerts"] tbody tr').length === n, shown);
    }
    expect(await page.locator('[data-table="alerts"] tbody tr').nth(shown - 1).getAttribute('data-alert')).toBe(before[shown - 1].alertId);
    const critical = before.filter((a: any) => a.type === 'critical_item');
    if (critical.length) expect(await text(page, '[data-banner="critical"] strong')).toMatch(new RegExp(`^${critical.length} critical-item alerts? needs? review`));
    await screenshot(page, 'alerts');

    const target = before.slice(0, shown).find((a: any) => a.type === 'critical_item') ?? before[0];
    const row = page.locator(`tr[data-alert="${target.alertId}"]`);
    expect(await row.locator('td').nth(3).textContent()).toBe(names.get(target.participantId));
    await row.getByRole('button', { name: /Acknowledge/ }).press('Enter');
    await row.waitFor({ state: 'detached' });
    const after = await demo.get(director, '/alerts?status=acknowledged');
    expect(after.items.map((a: any) => a.alertId)).toContain(target.alertId);
    expect(await page.locator('[data-table="alerts"] tbody tr').count()).toBe(Math.min(before.length - 1, shown));
    if (target.type === 'critical_item' && critical.length > 1) await page.waitForFunction((n) => (globalThis as any).document.querySelector('[data-banner="critical"] strong')?.textContent?.startsWith(`${n} critical`), critical.length - 1);
    await page.getByRole('button', { name: 'Acknowledged' }).click();
    await page.waitForURL('**/alerts?status=acknowledged');
    await page.locator(`tr[data-alert="${target.alertId}"]`).waitFor();
    // Names are asked for by id, never as the whole list (~390 k people at 10 M events).
    expect(participantLists.length).toBeGreaterThan(0);
    expect(participantLists.filter((url) => !url.searchParams.get('participantId')).map(String)).toEqual([]);
    // The inbox and the banner ask for a page and read `total` (every open critical alert was 13.7 MB at 10 M events).
    expect(alertLists.length).toBeGreaterThan(1);
    expect(alertLists.filter((url) => !url.searchParams.get('limit')).map(String)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('researcher: aggregates only, with the small-cell suppression the api applies, and no identifiable views', async () => {
    const token = await demo.token('researcher', 'researcher-browser');
    const page = await signedInPage(browser, session(token, 'researcher-browser', 'researcher'));
    await at(page, `/director?program=${program.programId}&instrument=PHQ-9`);
    await page.locator('[data-kpi="reliable-improvement"]').waitFor();
    const outcomes = await demo.get(token, `/programs/${program.programId}/outcomes?instrument=PHQ-9&method=threshold`);
    expect(await kpi(page, 'reliable-improvement')).toBe(percentText(outcomes.rates.reliableImprovement));
    const researcherGroups = (await demo.get(token, '/groups')).items.filter((g: any) => g.programId === program.programId);
    expect(await kpi(page, 'active')).toBe(researcherGroups.some((g: any) => g.activeMembers === null) ? 'hidden' : String(researcherGroups.reduce((s: number, g: any) => s + g.activeMembers, 0)));
    expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('link').allTextContents()).toEqual(['Program overview', 'Exports']);
    expect(await page.locator('[data-banner="critical"]').count()).toBe(0);
    await screenshot(page, 'researcher');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows empty and error states instead of blank panels', async () => {
    const token = await demo.token('therapist', 'therapist-without-groups');
    const page = await signedInPage(browser, session(token, 'therapist-without-groups', 'therapist'));
    await at(page, '/therapist');
    await page.getByText('You facilitate no groups yet').waitFor();
    await at(page, '/participants/00000000-0000-4000-8000-000000000000');
    await page.locator('.state-error', { hasText: 'Could not load the timeline' }).waitFor();
    expect(await page.locator('.state-error').first().getAttribute('role')).toBe('alert');
    await page.context().close();
  }, 60_000);

  it('asks for a program\'s attendance in one request, however many groups it has', async () => {
    const created = await demo.api.http('POST', '/api/v1/programs', { token: director, body: { name: 'A large program', part2: false, timeZone: 'Europe/London', plannedWeeks: 8, schedule: [] } });
    expect(created.status).toBe(201);
    const programId: string = created.body.programId;
    for (let i = 1; i <= 51; i++) {
      const group = await demo.api.http('POST', '/api/v1/groups', { token: director, body: { programId, name: `Group ${i}`, facilitatorIds: ['therapist-large'], startsOn: '2026-01-05' } });
      expect(group.status).toBe(201);
    }
    const page = await signedInPage(browser, session(director, 'director-browser'));
    const attendanceRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/cohesion') || request.url().includes('/attendance')) attendanceRequests.push(new URL(request.url()).pathname);
    });
    await at(page, `/director?program=${programId}&instrument=PHQ-9`);
    // No sessions yet: no rate.
    await page.locator('[data-kpi="attendance"] .kpi-note', { hasText: '0 of 0 places, 0 sessions' }).waitFor();
    expect(await kpi(page, 'attendance')).toBe('—');
    expect(attendanceRequests).toEqual([`/api/v1/programs/${programId}/attendance`]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);
});
