import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboardBuilt } from './build-dashboard.js';
import { LAPTOP, launchChromium, pageErrors, screenshot, signedInPage, TABLET } from './browser.js';
import { daysAgo, type RecordingWorld, startRecordingWorld, THERAPIST } from './recording-world.js';

/**
 * The recording screens in Chromium against the real api: a session run end to end from the
 * screens (session, attendance and its correction, members in and out, the kiosk), staff
 * entry of a questionnaire with validation, score and band, void, milestone, consent, a
 * dropped connection that keeps the form, and closing a group. Every check reads the api.
 */
describe('recording screens in the browser', () => {
  let w: RecordingWorld;
  let browser: Browser;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ensureDashboardBuilt();
    w = await startRecordingWorld();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await w?.api.close();
  });

  const as = (role: 'director' | 'therapist') => signedInPage(browser, role === 'director' ? { token: w.director, sub: 'director-rec', org: w.org, role } : { token: w.therapist, sub: THERAPIST, org: w.org, role });
  const at = (page: Page, path: string) => page.goto(w.api.baseUrl + path);
  const statusOf = async (participantId: string, sessionId: string) => (await w.get(w.director, `/participants/${participantId}/timeline`)).attendance.find((a: any) => a.sessionId === sessionId)?.status;
  let sessionId: string;

  it('runs a session: creates it, takes attendance in a few taps, corrects it, adds and removes members', async () => {
    const page = await as('therapist');
    await at(page, '/therapist');
    await page.getByRole('link', { name: 'Record a session of this group' }).click();
    await page.getByRole('heading', { name: 'Record a session' }).waitFor();
    await page.getByLabel('New session on').fill(today);
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { name: /^Attendance — / }).waitFor();
    const [ana, ben, chris] = w.members;
    const sessions = (await w.get(w.director, `/groups/${w.groupId}/cohesion`)).sessions;
    sessionId = sessions.find((s: any) => s.date === today).sessionId;

    // Names, not ids; one tap for everyone present, one for the exception.
    expect(await page.locator('[data-form="attendance"] legend').allTextContents()).toEqual(['Ana Lima', 'Ben Okafor', 'Chris Novak']);
    await page.getByRole('group', { name: ben!.displayName }).getByLabel('Late').check();
    await page.getByRole('button', { name: 'Mark everyone else present' }).click();
    await page.getByRole('group', { name: chris!.displayName }).getByLabel('Absent').check();
    await screenshot(page, 'record-attendance');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.locator('[data-saved="attendance"]').waitFor();
    expect([await statusOf(ana!.participantId, sessionId), await statusOf(ben!.participantId, sessionId), await statusOf(chris!.participantId, sessionId)]).toEqual(['present', 'late', 'absent']);

    // Later: Chris had phoned in. The screen shows what was saved and saves a correction.
    await at(page, `/record?group=${w.groupId}`);
    await page.locator(`[data-session="${sessionId}"]`).click();
    await page.getByRole('button', { name: 'Save correction' }).waitFor();
    expect(await page.getByRole('group', { name: chris!.displayName }).getByLabel('Absent').isChecked()).toBe(true);
    await page.getByRole('group', { name: chris!.displayName }).getByLabel('Excused').press('Space');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.locator('[data-saved="attendance"]').waitFor();
    expect(await statusOf(chris!.participantId, sessionId)).toBe('excused');

    // A new person joins; Ben leaves, with a reason.
    await page.getByLabel('Name', { exact: true }).fill('Dana Reyes');
    await page.getByLabel('Date of birth').fill('1979-11-30');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.locator('[data-saved="member"]').waitFor();
    await page.locator('.member-name', { hasText: 'Dana Reyes' }).waitFor();
    await page.getByRole('button', { name: 'Ben Okafor leaves…' }).click();
    await page.getByLabel('Reason').selectOption('dropped_out');
    await page.getByRole('button', { name: 'Confirm leave' }).click();
    await page.locator('[data-member] .member-name', { hasText: 'Ben Okafor' }).waitFor({ state: 'detached' });
    const members = (await w.get(w.director, `/groups/${w.groupId}/members`)).members;
    expect(members.find((m: any) => m.displayName === 'Ben Okafor')).toMatchObject({ leftOn: today, reason: 'dropped_out' });
    expect(members.find((m: any) => m.displayName === 'Dana Reyes')).toMatchObject({ joinedOn: today, leftOn: null });
    await screenshot(page, 'record-session');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('kiosk: a member self-reports on a tablet with a code; the critical item alerts the therapist at once', async () => {
    const therapist = await as('therapist');
    await at(therapist, `/record?group=${w.groupId}`);
    await therapist.locator(`[data-session="${sessionId}"]`).click();
    await therapist.getByRole('button', { name: 'Open kiosk and issue codes' }).click();
    const ana = w.members[0]!;
    const row = therapist.locator(`[data-table="kiosk-codes"] tr[data-participant="${ana.participantId}"]`);
    expect(await row.locator('th').textContent()).toBe('Ana Lima');
    const code = (await row.locator('[data-code]').textContent())!;
    await screenshot(therapist, 'kiosk-codes');

    const tablet = await (await browser.newContext({ viewport: TABLET, locale: 'en-GB', timezoneId: 'UTC', hasTouch: true })).newPage();
    await at(tablet, '/kiosk');
    await tablet.getByLabel(/Your code/).fill(code.toLowerCase());
    await screenshot(tablet, 'kiosk-code');
    await tablet.getByRole('button', { name: 'Start' }).tap();
    await tablet.getByRole('heading', { name: /Group Session Rating Scale/ }).waitFor();
    // Touch targets of the kiosk are at least 48 px high.
    expect((await tablet.getByRole('button', { name: 'Next' }).boundingBox())!.height).toBeGreaterThanOrEqual(48);
    const marks = tablet.getByLabel(/^Mark from 0 to 10$/);
    for (const [i, v] of ['9', '8.5', '11', '9.2'].entries()) await marks.nth(i).fill(v);
    // Validation as you go, beside the item.
    await tablet.locator('[data-error="/items/2"]', { hasText: 'must be between 0 and 10' }).waitFor();
    await marks.nth(2).fill('7.5');
    await tablet.getByRole('button', { name: 'Next' }).tap();
    await tablet.getByRole('heading', { name: /Patient Health Questionnaire-9/ }).waitFor();
    const items = tablet.locator('[data-form="PHQ-9"] fieldset');
    for (let i = 0; i < 8; i++) await items.nth(i).getByLabel('1 Several days').tap();
    await items.nth(8).getByLabel('2 More than half the days').tap();
    expect((await items.nth(8).locator('.choice').first().boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await screenshot(tablet, 'kiosk-phq9');
    await tablet.getByRole('button', { name: 'Send my answers' }).tap();
    await tablet.getByRole('heading', { name: /Thank you/ }).waitFor();
    await screenshot(tablet, 'kiosk-done');

    const timeline = await w.get(w.director, `/participants/${ana.participantId}/timeline`);
    expect(timeline.measures.map((m: any) => [m.instrument, m.administeredOn, m.score.total]).sort()).toEqual([['GSRS', today, 34.2], ['PHQ-9', today, 10]]);
    const alert = (await w.get(w.therapist, '/alerts?status=open')).items.find((a: any) => a.type === 'critical_item' && a.participantId === ana.participantId);
    expect(alert).toBeDefined();
    // The therapist sees it: the banner appears on the open recording screen without a reload, and in the alerts inbox.
    await therapist.locator('[data-banner="critical"]', { hasText: 'Ana Lima' }).waitFor({ timeout: 30_000 });
    await screenshot(therapist, 'kiosk-alert-banner');
    await at(therapist, '/alerts');
    await therapist.locator(`tr[data-alert="${alert.alertId}"]`).waitFor();
    await screenshot(therapist, 'kiosk-alert-for-therapist');
    // The code was single-use.
    await tablet.getByRole('button', { name: /Finish/ }).tap();
    await tablet.getByLabel(/Your code/).fill(code);
    await tablet.getByRole('button', { name: 'Start' }).tap();
    await tablet.getByText('not valid, was already used or has expired').waitFor();
    expect(pageErrors(tablet)).toEqual([]);
    await tablet.context().close();
    await therapist.context().close();
  }, 120_000);
  it('staff entry from a paper form: item text, answer scales, errors beside the item, score and band on save; void, milestone, consent', async () => {
    const chris = w.members[2]!;
    const page = await as('director');
    await at(page, `/participants/${chris.participantId}`);
    await page.getByRole('link', { name: /Enter a questionnaire/ }).click();
    await page.getByRole('heading', { name: 'Record for Chris Novak' }).waitFor();
    await page.getByLabel('Date completed').fill(daysAgo(3));
    const items = page.locator('[data-form="PHQ-9"] fieldset');
    expect(await items.nth(8).locator('legend').textContent()).toContain('Thoughts of being better off dead or of hurting yourself');
    expect(await items.nth(0).getByRole('radio').count()).toBe(4);
    // Keyboard: arrows move within an item's radio group (its legend names it).
    await items.nth(0).getByLabel('0 Not at all').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await items.nth(0).getByLabel('2 More than half the days').isChecked()).toBe(true);
    for (let i = 1; i < 6; i++) await items.nth(i).getByLabel('2 More than half the days').check();
    for (let i = 6; i < 8; i++) await items.nth(i).getByLabel('1 Several days').check();
    // Item 9 left blank: the api's message shows beside it, linked for screen readers.
    await page.getByRole('button', { name: 'Save PHQ-9' }).click();
    const error = page.locator('[data-error="/items/8"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('may not be missing');
    expect(await items.nth(8).getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    await screenshot(page, 'record-questionnaire-error');
    await items.nth(8).getByLabel('0 Not at all').check();
    await page.getByRole('button', { name: 'Save PHQ-9' }).click();
    await page.locator('[data-score-line]').waitFor();
    expect(await page.locator('[data-score-line]').textContent()).toBe('Saved. PHQ-9 score 14 — moderate');
    await screenshot(page, 'record-questionnaire-saved');
    const measureId = (await page.locator('[data-saved-measure]').getAttribute('data-saved-measure'))!;
    let timeline = await w.get(w.director, `/participants/${chris.participantId}/timeline`);
    expect(timeline.measures.find((m: any) => m.measureId === measureId)).toMatchObject({ instrument: 'PHQ-9', administeredOn: daysAgo(3), score: { total: 14, band: 'moderate' }, voided: false });

    // Void it: a reason is required (the api says so beside the field), then it is kept as voided.
    const row = page.locator(`tr[data-measure="${measureId}"]`);
    await row.getByRole('button', { name: /^Void PHQ-9/ }).click();
    await row.getByRole('button', { name: 'Void', exact: true }).click();
    await row.locator(`[data-error="void-${measureId}"]`).waitFor();
    await row.getByLabel('Reason for voiding').fill('Entered for the wrong person');
    await row.getByRole('button', { name: 'Void', exact: true }).click();
    await row.locator('[data-voided]').waitFor();
    timeline = await w.get(w.director, `/participants/${chris.participantId}/timeline`);
    expect(timeline.measures.find((m: any) => m.measureId === measureId).voided).toBe(true);

    // A milestone ('other' needs a label) and a consent.
    await page.getByLabel('Milestone', { exact: true }).selectOption('other');
    await page.getByRole('button', { name: 'Save milestone' }).click();
    await page.locator('[data-error="milestone-label"]').waitFor();
    await page.getByLabel('Milestone', { exact: true }).selectOption('abstinent_30_days');
    await page.getByLabel('Achieved on').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Save milestone' }).click();
    await page.locator('[data-saved="milestone"]').waitFor();
    await page.getByLabel('Consent to').selectOption('research');
    await page.getByRole('group', { name: 'Decision' }).getByLabel('Granted').check();
    await page.getByRole('button', { name: 'Save consent' }).click();
    await page.locator('[data-saved="consent"]').waitFor();
    timeline = await w.get(w.director, `/participants/${chris.participantId}/timeline`);
    expect(timeline.milestones.map((m: any) => [m.type, m.achievedOn])).toEqual([['abstinent_30_days', daysAgo(1)]]);
    await screenshot(page, 'record-participant');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('a dropped connection never loses a completed form: it stays on the device, the user is told, a retry records it once', async () => {
    const chris = w.members[2]!;
    const page = await as('director');
    await at(page, `/participants/${chris.participantId}/record`);
    await page.getByLabel('Questionnaire', { exact: true }).selectOption('GAD-7');
    const items = page.locator('[data-form="GAD-7"] fieldset');
    for (let i = 0; i < 7; i++) await items.nth(i).getByLabel('1 Several days').check();
    // The request reaches the api, the answer is lost on the way back.
    await page.route('**/api/v1/participants/*/measures', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Save GAD-7' }).click();
    await page.locator('[data-form-message]', { hasText: 'Not saved yet' }).waitFor();
    await page.locator('[data-panel="outbox"]', { hasText: 'GAD-7 for Chris Novak' }).waitFor();
    await page.unroute('**/api/v1/participants/*/measures');
    const stored = JSON.parse((await page.evaluate(() => (globalThis as any).localStorage.getItem('group-outcomes.outbox'))) ?? '[]');
    expect(stored).toEqual([expect.objectContaining({ label: 'GAD-7 for Chris Novak', method: 'POST', path: `/participants/${chris.participantId}/measures` })]);
    await screenshot(page, 'record-offline');
    // Still there after a reload; Retry sends it with the same Idempotency-Key: the api replays, nothing doubles.
    await page.reload();
    await page.locator('[data-panel="outbox"]').getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-panel="outbox"]').waitFor({ state: 'detached' });
    const timeline = await w.get(w.director, `/participants/${chris.participantId}/timeline`);
    expect(timeline.measures.filter((m: any) => m.instrument === 'GAD-7')).toHaveLength(1);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a director closes the group (therapists do not get the control)', async () => {
    const therapist = await as('therapist');
    await at(therapist, `/record?group=${w.groupId}`);
    await therapist.getByRole('heading', { name: 'Members' }).waitFor();
    expect(await therapist.getByRole('heading', { name: 'Close the group' }).count()).toBe(0);
    await therapist.context().close();
    const page = await signedInPage(browser, { token: w.director, sub: 'director-rec', org: w.org, role: 'director' }, LAPTOP);
    await at(page, `/record?group=${w.groupId}`);
    await page.getByRole('button', { name: 'Close group' }).waitFor();
    expect(await page.getByRole('button', { name: 'Close group' }).isDisabled()).toBe(true);
    await page.getByLabel('Yes, close Tuesday evening').check();
    await page.getByRole('button', { name: 'Close group' }).click();
    await page.locator('[data-value="closed-on"]').waitFor();
    const group = (await w.get(w.director, '/groups')).items.find((g: any) => g.groupId === w.groupId);
    expect(group.closedOn).toBe(today);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('a director names the facilitator (PUT /staff); the name shows on the group card (therapists do not get the control)', async () => {
    const therapist = await as('therapist');
    await at(therapist, `/record?group=${w.groupId}`);
    await therapist.getByRole('heading', { name: 'Members' }).waitFor();
    expect(await therapist.getByRole('heading', { name: 'Facilitators' }).count()).toBe(0);
    const page = await signedInPage(browser, { token: w.director, sub: 'director-rec', org: w.org, role: 'director' }, LAPTOP);
    await at(page, `/record?group=${w.groupId}`);
    const field = page.getByLabel(`Name of Therapist ${THERAPIST}`);
    await field.waitFor();
    // A blank name is refused beside the field, and nothing is named.
    await field.fill('   ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.locator(`[data-error="staff-name-${THERAPIST}"]`).waitFor();
    expect((await w.get(w.director, '/staff')).items).toEqual([]);
    await field.fill('Dr Rosa Brennan');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByLabel('Name of Dr Rosa Brennan').waitFor();
    expect((await w.get(w.director, '/staff')).items).toEqual([{ userId: THERAPIST, name: 'Dr Rosa Brennan' }]);
    await at(therapist, '/therapist');
    await therapist.locator('[data-panel="my-groups"] [data-value="facilitators"]', { hasText: 'with Dr Rosa Brennan' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await therapist.context().close();
    await page.context().close();
  }, 60_000);
});
