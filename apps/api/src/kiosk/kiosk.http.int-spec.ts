import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClinicalWorld, created, head, newParticipant, phq9, setUpClinicalWorld, startClinicalApi } from '../measures/testing/clinical-fixtures.js';
import type { ApiHarness } from '../testing/api-harness.js';

const v1 = '/api/v1';
const GSRS = [9, 9.5, 8.8, 9.1];

/** The session kiosk: codes for the session's members, a token that can only submit their own questionnaires. */
describe('session kiosk', () => {
  let api: ApiHarness;
  let w: ClinicalWorld;
  let otherMember: string;
  let otherSessionId: string;
  beforeAll(async () => {
    api = await startClinicalApi();
    w = await setUpClinicalWorld(api);
    otherMember = await newParticipant(api, w.tokens.director, w.programId, w.groupId);
    otherSessionId = (await created(api.http('POST', `${v1}/groups/${w.groupId}/sessions`, { token: w.tokens.director, body: { date: '2026-02-09' } }))).sessionId;
  });
  afterAll(async () => api.close());

  const open = async (token = w.tokens.therapist, sessionId = w.sessionId, body: unknown = {}) => api.http('POST', `${v1}/groups/${w.groupId}/sessions/${sessionId}/kiosk`, { token, body });
  const codeOf = async (participantId: string, sessionId = w.sessionId) => (await created(open(w.tokens.therapist, sessionId))).codes.find((c: { participantId: string }) => c.participantId === participantId).code as string;
  const signIn = (code: string) => api.http('POST', `${v1}/kiosk/sign-in`, { body: { code } });
  const submit = (token: string, body: unknown, headers: Record<string, string> = {}) => api.http('POST', `${v1}/kiosk/measures`, { token, body, headers });

  it('issues one code per member enrolled on the session date, to the facilitator only', async () => {
    const opened = await created(open());
    expect(opened).toMatchObject({ groupId: w.groupId, sessionId: w.sessionId, date: '2026-02-02', instruments: ['GSRS', 'PHQ-9'] });
    expect(opened.codes.map((c: { participantId: string }) => c.participantId).sort()).toEqual([w.participantId, otherMember].sort());
    for (const c of opened.codes) expect(c.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(new Date(opened.codes[0].expiresAt).getTime() - Date.parse('2026-03-10T12:00:00Z')).toBe(2 * 3600 * 1000);
    // The session before the participant joined lists nobody.
    expect((await created(open(w.tokens.therapist, w.earlySessionId))).codes).toEqual([]);
    expect((await open(w.tokens.otherTherapist)).status).toBe(403);
    expect((await open(w.tokens.researcher)).status).toBe(403);
    expect((await open(w.tokens.otherOrgDirector)).status).toBe(404);
    expect((await open(w.tokens.therapist, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await open(w.tokens.therapist, w.sessionId, { instruments: ['NOPE'] })).body.errors[0].path).toBe('/instruments/0');
    // No body: the defaults. A JSON null is a body that is not an object (found by the OpenAPI fuzz).
    const withoutBody = await api.http('POST', `${v1}/groups/${w.groupId}/sessions/${w.sessionId}/kiosk`, { token: w.tokens.therapist });
    expect((await created(Promise.resolve(withoutBody))).instruments).toEqual(['GSRS', 'PHQ-9']);
    expect((await open(w.tokens.therapist, w.sessionId, null)).status).toBe(400);
  });

  it('exchanges a code once; a submission records the measure for that member and session and raises the critical-item alert at once', async () => {
    const code = await codeOf(w.participantId);
    const signedIn = await created(signIn(code.toLowerCase().replace('-', ' ')), 200);
    expect(signedIn.token).toMatch(/^kiosk_/);
    expect(signedIn.sessionDate).toBe('2026-02-02');
    expect(signedIn.instruments.map((i: { id: string }) => i.id)).toEqual(['GSRS', 'PHQ-9']);
    expect(signedIn.instruments[1].items[8].text).toMatch(/better off dead/);
    expect(JSON.stringify(signedIn)).not.toContain('Alex');
    expect((await signIn(code)).status).toBe(401);

    const measure = await created(submit(signedIn.token, { instrument: 'PHQ-9', items: phq9(2) }, { 'idempotency-key': 'kiosk-test-1' }));
    expect(measure).toMatchObject({ participantId: w.participantId, sessionId: w.sessionId, groupId: w.groupId, administeredOn: '2026-02-02', score: { total: 10, band: 'moderate' } });
    expect(measure.alerts).toEqual([expect.objectContaining({ type: 'critical_item', severity: 'high' })]);
    const alerts = (await api.http('GET', `${v1}/alerts?status=open&minPosition=${await head(api)}`, { token: w.tokens.therapist })).body.items;
    expect(alerts.map((a: { alertId: string }) => a.alertId)).toContain(measure.alerts[0].alertId);
    // A retry with the same key (a dropped connection) answers the first response; a second form of the same instrument is refused.
    expect((await submit(signedIn.token, { instrument: 'PHQ-9', items: phq9(2) }, { 'idempotency-key': 'kiosk-test-1' })).body.measureId).toBe(measure.measureId);
    expect((await submit(signedIn.token, { instrument: 'PHQ-9', items: phq9(0) })).body.code).toBe('KIOSK_ALREADY_SUBMITTED');
    expect((await created(submit(signedIn.token, { instrument: 'GSRS', items: GSRS }))).score.total).toBeCloseTo(36.4);
  });

  it('scopes the kiosk token: no reads, no other participant, session or instrument, same validation as staff entry', async () => {
    const { token } = await created(signIn(await codeOf(w.participantId)), 200);
    for (const path of ['/instruments', '/groups', `/participants/${w.participantId}`, `/participants/${w.participantId}/timeline`, '/alerts', `/groups/${w.groupId}/members`]) {
      expect((await api.http('GET', v1 + path, { token })).status).toBe(401);
    }
    expect((await api.http('POST', `${v1}/participants/${otherMember}/measures`, { token, body: { instrument: 'PHQ-9', items: phq9(0), administeredOn: '2026-02-02' } })).status).toBe(401);
    expect((await api.http('PUT', `${v1}/groups/${w.groupId}/sessions/${w.sessionId}/attendance`, { token, body: { records: [] } })).status).toBe(401);
    // Participant and session cannot be chosen by the kiosk.
    const smuggled = await submit(token, { instrument: 'PHQ-9', items: phq9(0), participantId: otherMember, sessionId: otherSessionId });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.code).toBe('VALIDATION_FAILED');
    expect((await submit(token, { instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0] })).body.code).toBe('KIOSK_INSTRUMENT_NOT_ALLOWED');
    const invalid = await submit(token, { instrument: 'PHQ-9', items: [0, 1, 2, 3, 4, 0, 0, 0, 0] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/items/4']));
    // Staff tokens and made-up kiosk tokens do not open the kiosk door.
    expect((await submit(w.tokens.director, { instrument: 'PHQ-9', items: phq9(0) })).status).toBe(401);
    expect((await submit('kiosk_made-up', { instrument: 'PHQ-9', items: phq9(0) })).status).toBe(401);
    expect((await submit('', { instrument: 'PHQ-9', items: phq9(0) })).status).toBe(401);
  });

  it('refuses unknown codes and replaces the unused codes of a session when it is opened again', async () => {
    expect((await signIn('AAAA-AAAA')).status).toBe(401);
    const first = await codeOf(otherMember);
    const second = await codeOf(otherMember);
    expect((await signIn(first)).status).toBe(401);
    expect((await signIn(second)).status).toBe(200);
  });
});
