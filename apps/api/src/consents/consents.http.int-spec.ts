import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClinicalWorld, expectInvalid, expectProblem, head, setUpClinicalWorld, startClinicalApi, TOMORROW_IN_PROGRAM } from '../measures/testing/clinical-fixtures.js';
import type { ApiHarness } from '../testing/api-harness.js';

describe('POST /participants/{id}/consents', () => {
  let api: ApiHarness;
  let w: ClinicalWorld;
  let path: string;
  beforeAll(async () => {
    api = await startClinicalApi();
    w = await setUpClinicalWorld(api);
    path = `/api/v1/participants/${w.participantId}/consents`;
  });
  afterAll(async () => api.close());

  const post = (body: unknown, token = w.tokens.director, headers?: Record<string, string>) => api.http('POST', path, { token, body, headers });

  it('grants and revokes research consent (200 each); revoking again is 422 CONSENT_NOT_GRANTED', async () => {
    const granted = await post({ scope: 'research', status: 'granted', recordedOn: '2026-02-01' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ participantId: w.participantId, scope: 'research', status: 'granted', recipient: null, recordedOn: '2026-02-01', eventIds: [expect.any(String)], position: await head(api) });
    const event = (await api.store.readStream(`participant-${w.participantId}`)).find((e) => e.eventId === granted.body.eventIds[0])!;
    expect(event).toMatchObject({ type: 'ConsentRecorded', data: { scope: 'research', status: 'granted', recipient: null, programId: w.programId } });
    expect((await post({ scope: 'research', status: 'revoked', recordedOn: '2026-02-05' })).status).toBe(200);
    const before = await head(api);
    expectProblem(await post({ scope: 'research', status: 'revoked', recordedOn: '2026-02-06' }), 422, 'CONSENT_NOT_GRANTED');
    expect(await head(api)).toBe(before);
  });

  it('keeps recipient consents apart per recipient', async () => {
    expect((await post({ scope: 'recipient', status: 'granted', recipient: 'County Probation', recordedOn: '2026-02-01' })).status).toBe(200);
    expectProblem(await post({ scope: 'recipient', status: 'revoked', recipient: 'State Health Dept', recordedOn: '2026-02-02' }), 422, 'CONSENT_NOT_GRANTED');
    expectProblem(await post({ scope: 'tpo', status: 'revoked', recordedOn: '2026-02-02' }), 422, 'CONSENT_NOT_GRANTED');
    const revoked = await post({ scope: 'recipient', status: 'revoked', recipient: 'County Probation', recordedOn: '2026-02-02' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ scope: 'recipient', status: 'revoked', recipient: 'County Probation' });
  });

  describe('bad input: 400 with JSON pointers, nothing appended', () => {
    const cases: [string, unknown, string[]][] = [
      ['recipient scope without a recipient', { scope: 'recipient', status: 'granted', recordedOn: '2026-02-01' }, ['/recipient']],
      ['a recipient on another scope', { scope: 'tpo', status: 'granted', recipient: 'Someone', recordedOn: '2026-02-01' }, ['/recipient']],
      ['an unknown scope and status', { scope: 'marketing', status: 'maybe', recordedOn: '2026-02-01' }, ['/scope', '/status']],
      ['no date', { scope: 'tpo', status: 'granted' }, ['/recordedOn']],
    ];
    it.each(cases)('%s', async (_name, body, paths) => {
      const before = await head(api);
      expectInvalid(await post(body), paths);
      expect(await head(api)).toBe(before);
    });
  });

  it('refuses the future of the program zone (422), other org (404), a therapist of another group and a researcher (403)', async () => {
    const before = await head(api);
    const body = { scope: 'tpo', status: 'granted', recordedOn: '2026-02-01' };
    expectProblem(await post({ ...body, recordedOn: TOMORROW_IN_PROGRAM }), 422, 'DATE_IN_FUTURE');
    expectProblem(await post(body, w.tokens.otherOrgDirector), 404, 'PARTICIPANT_NOT_FOUND');
    expectProblem(await post(body, w.tokens.otherTherapist), 403, 'OUT_OF_SCOPE');
    expectProblem(await post(body, w.tokens.researcher), 403, 'ROLE_NOT_ALLOWED');
    expect(await head(api)).toBe(before);
    expect((await post(body, w.tokens.therapist)).status).toBe(200);
  });

  it('replays the same Idempotency-Key and body without appending', async () => {
    const body = { scope: 'tpo', status: 'granted', recordedOn: '2026-02-03' };
    const first = await post(body, w.tokens.director, { 'Idempotency-Key': 'consent-1' });
    const before = await head(api);
    expect(await post(body, w.tokens.director, { 'Idempotency-Key': 'consent-1' })).toMatchObject({ status: 200, body: first.body });
    expect(await head(api)).toBe(before);
  });
});
