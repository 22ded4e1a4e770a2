import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClinicalWorld, expectInvalid, expectProblem, head, setUpClinicalWorld, startClinicalApi, TODAY_IN_PROGRAM, TOMORROW_IN_PROGRAM } from '../measures/testing/clinical-fixtures.js';
import type { ApiHarness } from '../testing/api-harness.js';

describe('POST /participants/{id}/milestones', () => {
  let api: ApiHarness;
  let w: ClinicalWorld;
  let path: string;
  beforeAll(async () => {
    api = await startClinicalApi();
    w = await setUpClinicalWorld(api);
    path = `/api/v1/participants/${w.participantId}/milestones`;
  });
  afterAll(async () => api.close());

  const post = (body: unknown, token = w.tokens.therapist, url = path, headers?: Record<string, string>) => api.http('POST', url, { token, body, headers });

  it('records a milestone of the enumeration (201) on today in the program zone', async () => {
    const result = await post({ type: 'abstinent_30_days', achievedOn: TODAY_IN_PROGRAM, value: 30 });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ participantId: w.participantId, type: 'abstinent_30_days', hasLabel: false, achievedOn: TODAY_IN_PROGRAM, value: 30, revision: expect.any(Number), position: await head(api) });
    const event = (await api.store.readStream(`participant-${w.participantId}`)).find((e) => e.eventId === result.body.eventIds[0])!;
    expect(event).toMatchObject({ type: 'MilestoneReached', data: { milestoneId: result.body.milestoneId, milestoneType: 'abstinent_30_days', label: null, value: 30, programId: w.programId } });
  });

  it("encrypts the label of an 'other' milestone and never answers it in clear", async () => {
    const milestoneId = '22222222-2222-4222-8222-222222222222';
    const result = await post({ milestoneId, type: 'other', label: 'Reconnected with sister', achievedOn: '2026-02-10' });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ milestoneId, type: 'other', hasLabel: true });
    expect(JSON.stringify(result.body)).not.toContain('sister');
    const event = (await api.store.readStream(`participant-${w.participantId}`)).find((e) => e.eventId === result.body.eventIds[0])!;
    expect(event.data).toMatchObject({ label: { alg: 'A256GCM', keyId: w.participantId } });
    expect(JSON.stringify(event.data)).not.toContain('sister');
    expectProblem(await post({ milestoneId, type: 'goal_achieved', achievedOn: '2026-02-10' }), 409, 'ID_TAKEN');
  });

  describe('bad input: 400 with JSON pointers, nothing appended', () => {
    const cases: [string, unknown, string[]][] = [
      ["'other' without a label", { type: 'other', achievedOn: '2026-02-10' }, ['/label']],
      ['a type outside the enumeration', { type: 'sober_forever', achievedOn: '2026-02-10' }, ['/type']],
      ['a bad date and a non-numeric value', { type: 'goal_achieved', achievedOn: '10/02/2026', value: 'ten' }, ['/achievedOn', '/value']],
      ['an unknown field', { type: 'goal_achieved', achievedOn: '2026-02-10', note: 'x' }, ['/']],
    ];
    it.each(cases)('%s', async (_name, body, paths) => {
      const before = await head(api);
      expectInvalid(await post(body), paths);
      expect(await head(api)).toBe(before);
    });
  });

  it('refuses a date in the future of the program zone (422), an unknown participant (404), other org (404), out of scope (403)', async () => {
    const before = await head(api);
    const body = { type: 'goal_achieved', achievedOn: '2026-02-10' };
    expectProblem(await post({ ...body, achievedOn: TOMORROW_IN_PROGRAM }), 422, 'DATE_IN_FUTURE');
    expectProblem(await post(body, w.tokens.director, '/api/v1/participants/00000000-0000-4000-8000-000000000000/milestones'), 404, 'PARTICIPANT_NOT_FOUND');
    expectProblem(await post(body, w.tokens.otherOrgDirector), 404, 'PARTICIPANT_NOT_FOUND');
    expectProblem(await post(body, w.tokens.otherTherapist), 403, 'OUT_OF_SCOPE');
    expectProblem(await post(body, w.tokens.researcher), 403, 'ROLE_NOT_ALLOWED');
    expect(await head(api)).toBe(before);
  });

  it('replays the same Idempotency-Key and body without appending', async () => {
    const body = { type: 'program_completed', achievedOn: '2026-03-01' };
    const first = await post(body, w.tokens.director, path, { 'Idempotency-Key': 'milestone-1' });
    expect(first.status).toBe(201);
    const before = await head(api);
    expect(await post(body, w.tokens.director, path, { 'Idempotency-Key': 'milestone-1' })).toMatchObject({ status: 201, body: first.body });
    expect(await head(api)).toBe(before);
  });
});
