import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiHarness } from '../testing/api-harness.js';
import { type ClinicalWorld, created, expectInvalid, expectProblem, head, newParticipant, phq9, setUpClinicalWorld, startClinicalApi, TODAY_IN_PROGRAM, TOMORROW_IN_PROGRAM } from './testing/clinical-fixtures.js';

describe('POST /participants/{id}/measures', () => {
  let api: ApiHarness;
  let w: ClinicalWorld;
  let path: string;
  beforeAll(async () => {
    api = await startClinicalApi();
    w = await setUpClinicalWorld(api);
    path = `/api/v1/participants/${w.participantId}/measures`;
  });
  afterAll(async () => api.close());

  const post = (body: unknown, token = w.tokens.director, url = path, headers?: Record<string, string>) => api.http('POST', url, { token, body, headers });

  it('scores a PHQ-9 with the definition in force and answers the flat write response', async () => {
    const result = await post({ instrument: 'PHQ-9', items: [2, 2, 2, 2, 2, 2, 2, 1, 0], administeredOn: '2026-02-02' });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      participantId: w.participantId,
      instrument: 'PHQ-9',
      instrumentVersion: 1,
      administeredOn: '2026-02-02',
      sessionId: null,
      groupId: null,
      score: { total: 15, band: 'moderately severe', caseness: true, valid: true },
      alerts: [],
      revision: expect.any(Number),
      position: await head(api),
    });
    expect(result.body.measureId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body.eventIds).toHaveLength(1);
    const [event] = await api.store.readStream(`participant-${w.participantId}`).then((events) => events.filter((e) => e.type === 'MeasureRecorded'));
    expect(event!.data).toMatchObject({ measureId: result.body.measureId, instrumentVersion: 1, items: [2, 2, 2, 2, 2, 2, 2, 1, 0], score: { total: 15 } });
  });

  it('stores the SWEMWBS raw sum and its metric score, and a prorated CORE-10 to one decimal', async () => {
    const swemwbs = await post({ instrument: 'SWEMWBS', items: [3, 3, 3, 3, 3, 3, 3], administeredOn: '2026-02-02' });
    expect(swemwbs.status).toBe(201);
    expect(swemwbs.body.score).toMatchObject({ total: 21, metric: expect.any(Number), valid: true });
    const core10 = await post({ instrument: 'CORE-10', items: [1, 1, 1, 1, 1, 1, 1, 1, 1, null], administeredOn: '2026-02-02' });
    expect(core10.status).toBe(201);
    expect(core10.body.score).toMatchObject({ total: 10, valid: true });
  });

  it('raises the critical-item alert with the measure, in the same append, and returns it', async () => {
    const result = await post({ instrument: 'PHQ-9', items: phq9(1, 0), administeredOn: TODAY_IN_PROGRAM });
    expect(result.status).toBe(201);
    expect(result.body.score).toMatchObject({ total: 1, band: 'minimal' });
    expect(result.body.alerts).toEqual([{ alertId: expect.any(String), type: 'critical_item', severity: 'high', message: expect.any(String) }]);
    expect(result.body.eventIds).toHaveLength(2);
    const events = await api.store.readStream(`participant-${w.participantId}`);
    const appended = events.filter((e) => result.body.eventIds.includes(e.eventId));
    expect(appended.map((e) => e.type)).toEqual(['MeasureRecorded', 'AlertRaised']);
    expect(appended[1]!.data).toMatchObject({ alertId: result.body.alerts[0].alertId, measureId: result.body.measureId, participantId: w.participantId });
    const alerts = await api.http('GET', `/api/v1/alerts?status=open&minPosition=${result.body.position}`, { token: w.tokens.director });
    expect(alerts.body.items.map((a: { alertId: string }) => a.alertId)).toContain(result.body.alerts[0].alertId);
    const banner = await api.http('GET', '/api/v1/alerts/banner', { token: w.tokens.therapist });
    expect(banner.body.items).toEqual([expect.objectContaining({ alertId: result.body.alerts[0].alertId, participantId: w.participantId, measureId: result.body.measureId })]);
  });

  it('records the group of a session the participant was a member on, and refuses other sessions (422)', async () => {
    const ok = await post({ instrument: 'GAD-7', items: [1, 1, 1, 1, 1, 1, 1], administeredOn: '2026-02-02', sessionId: w.sessionId });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ sessionId: w.sessionId, groupId: w.groupId, score: { total: 7, band: 'mild', caseness: false } });
    const before = await head(api);
    expectProblem(await post({ instrument: 'GAD-7', items: [1, 1, 1, 1, 1, 1, 1], administeredOn: '2026-01-20', sessionId: w.earlySessionId }), 422, 'NOT_MEMBER_ON_SESSION_DATE');
    expectProblem(await post({ instrument: 'GAD-7', items: [1, 1, 1, 1, 1, 1, 1], administeredOn: '2026-02-02', sessionId: '00000000-0000-4000-8000-000000000000' }), 422, 'SESSION_NOT_FOUND');
    expect(await head(api)).toBe(before);
  });

  describe('bad input: 400 with JSON pointers, nothing appended', () => {
    const cases: [string, unknown, string[]][] = [
      ['unknown instrument', { instrument: 'BDI-II', items: [1], administeredOn: '2026-02-02' }, ['/instrument']],
      ['too few items', { instrument: 'PHQ-9', items: [1, 1, 1], administeredOn: '2026-02-02' }, ['/items']],
      ['an item out of range', { instrument: 'PHQ-9', items: [0, 0, 0, 4, 0, 0, 0, 0, 0], administeredOn: '2026-02-02' }, ['/items/3']],
      ['a missing item where the instrument forbids it', { instrument: 'PHQ-9', items: [0, 0, 0, 0, 0, 0, 0, 0, null], administeredOn: '2026-02-02' }, ['/items/8']],
      ['a fraction on a whole-number item', { instrument: 'GAD-7', items: [0, 1.5, 0, 0, 0, 0, 0], administeredOn: '2026-02-02' }, ['/items/1']],
      ['a string item', { instrument: 'GAD-7', items: [0, 'two', 0, 0, 0, 0, 0], administeredOn: '2026-02-02' }, ['/items/1']],
      ['items not an array', { instrument: 'GAD-7', items: 3, administeredOn: '2026-02-02' }, ['/items']],
      ['an impossible date', { instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: '2026-02-30' }, ['/administeredOn']],
      ['a bad measure id and an unknown field', { measureId: 'x', instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: '2026-02-02', extra: 1 }, ['/measureId', '/']],
      ['missing fields', {}, ['/instrument', '/items', '/administeredOn']],
    ];
    it.each(cases)('%s', async (_name, body, paths) => {
      const before = await head(api);
      const result = await post(body);
      expectInvalid(result, paths);
      expect(result.headers.get('content-type')).toContain('application/problem+json');
      expect(await head(api)).toBe(before);
    });

    it('malformed JSON', async () => {
      const before = await head(api);
      expectProblem(await post('{"instrument": '), 400, 'MALFORMED_JSON');
      expect(await head(api)).toBe(before);
    });
  });

  it("refuses a date in the future of the program's time zone (422), though it is still the 10th in UTC", async () => {
    const before = await head(api);
    expectProblem(await post({ instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: TOMORROW_IN_PROGRAM }), 422, 'DATE_IN_FUTURE');
    expect(await head(api)).toBe(before);
  });

  it('answers 404 for an unknown participant and for a participant of another organization', async () => {
    const body = { instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: '2026-02-02' };
    expectProblem(await post(body, w.tokens.director, '/api/v1/participants/00000000-0000-4000-8000-000000000000/measures'), 404, 'PARTICIPANT_NOT_FOUND');
    expectProblem(await post(body, w.tokens.otherOrgDirector), 404, 'PARTICIPANT_NOT_FOUND');
  });

  it('lets the facilitator record, refuses a therapist of another group and a researcher (403)', async () => {
    const body = { instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: '2026-02-02' };
    expect((await post(body, w.tokens.therapist)).status).toBe(201);
    expect((await post(body, w.tokens.admin)).status).toBe(201);
    const before = await head(api);
    expectProblem(await post(body, w.tokens.otherTherapist), 403, 'OUT_OF_SCOPE');
    expectProblem(await post(body, w.tokens.researcher), 403, 'ROLE_NOT_ALLOWED');
    expectProblem(await api.http('POST', path, { body }), 401, 'UNAUTHENTICATED');
    expect(await head(api)).toBe(before);
  });

  it('counts a membership made just before the measure for the facilitator (no stale scope)', async () => {
    const participantId = await newParticipant(api, w.tokens.director, w.programId, w.groupId);
    const result = await post({ instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: '2026-02-02' }, w.tokens.therapist, `/api/v1/participants/${participantId}/measures`);
    expect(result.status).toBe(201);
  });

  it('replays the first response for the same Idempotency-Key and body, appending nothing; 409 for another body', async () => {
    const body = { instrument: 'PHQ-9', items: phq9(2), administeredOn: '2026-02-02' };
    const headers = { 'Idempotency-Key': 'measure-once-1' };
    const first = await post(body, w.tokens.director, path, headers);
    expect(first.status).toBe(201);
    expect(first.body.alerts).toHaveLength(1);
    const before = await head(api);
    const again = await post(body, w.tokens.director, path, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await head(api)).toBe(before);
    expectProblem(await post({ ...body, items: phq9(0) }, w.tokens.director, path, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await head(api)).toBe(before);
  });

  it('refuses a client-chosen measure id that is taken (409)', async () => {
    const measureId = '11111111-1111-4111-8111-111111111111';
    const body = { measureId, instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: '2026-02-02' };
    expect((await post(body)).body.measureId).toBe(measureId);
    expectProblem(await post(body), 409, 'ID_TAKEN');
  });

  describe('void', () => {
    let measureId: string;
    beforeAll(async () => {
      measureId = (await created(post({ instrument: 'GAD-7', items: [3, 3, 3, 3, 3, 3, 3], administeredOn: '2026-02-02' }))).measureId;
    });
    const voidIt = (id: string, body: unknown, token = w.tokens.director) => api.http('POST', `${path}/${id}/void`, { token, body });

    it('voids once with an encrypted reason (200), then 422 MEASURE_ALREADY_VOIDED', async () => {
      const result = await voidIt(measureId, { reason: 'Entered for the wrong person' });
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ measureId, participantId: w.participantId, voided: true, eventIds: [expect.any(String)] });
      expect(JSON.stringify(result.body)).not.toContain('wrong person');
      const event = (await api.store.readStream(`participant-${w.participantId}`)).find((e) => e.type === 'MeasureVoided')!;
      expect(event.data).toMatchObject({ measureId, reason: { alg: 'A256GCM', keyId: w.participantId } });
      expect(JSON.stringify(event.data)).not.toContain('wrong person');
      expectProblem(await voidIt(measureId, { reason: 'again' }), 422, 'MEASURE_ALREADY_VOIDED');
    });

    it('answers 404 for an unknown measure, 400 without a reason, 403 out of scope', async () => {
      const before = await head(api);
      expectProblem(await voidIt('00000000-0000-4000-8000-000000000000', { reason: 'x' }), 404, 'MEASURE_NOT_FOUND');
      expectInvalid(await voidIt(measureId, { reason: '  ' }), ['/reason']);
      expectInvalid(await voidIt(measureId, {}), ['/reason']);
      expectProblem(await voidIt(measureId, { reason: 'x' }, w.tokens.otherTherapist), 403, 'OUT_OF_SCOPE');
      expect(await head(api)).toBe(before);
    });
  });
});
