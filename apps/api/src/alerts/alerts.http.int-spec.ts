import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClinicalWorld, created, expectInvalid, expectProblem, head, newParticipant, phq9, setUpClinicalWorld, startClinicalApi } from '../measures/testing/clinical-fixtures.js';
import { type HookServer, startHookServer } from '../notifications/testing/hook-server.js';
import type { ApiHarness } from '../testing/api-harness.js';

const raise = async (w: ClinicalWorld, participantId = w.participantId) => {
  const measure = await created(w.api.http('POST', `/api/v1/participants/${participantId}/measures`, { token: w.tokens.director, body: { instrument: 'PHQ-9', items: phq9(3), administeredOn: '2026-02-02' } }));
  return { measure, alertId: measure.alerts[0].alertId as string };
};

describe('alerts: list, banner, acknowledge, webhook', () => {
  let api: ApiHarness;
  let hooks: HookServer;
  let w: ClinicalWorld;
  beforeAll(async () => {
    hooks = await startHookServer([503]);
    api = await startClinicalApi({ ALERT_WEBHOOK_URL: hooks.url });
    w = await setUpClinicalWorld(api);
  });
  afterAll(async () => {
    await api.close();
    await hooks.close();
  });

  const list = (token: string, query = '') => api.http('GET', `/api/v1/alerts${query}`, { token });
  const ack = (alertId: string, body: unknown, token = w.tokens.therapist, headers?: Record<string, string>) => api.http('POST', `/api/v1/alerts/${alertId}/acknowledge`, { token, body, headers });

  it('sends the critical alert to the webhook at once (retrying a 503), with ids and no identifiers', async () => {
    const { measure, alertId } = await raise(w);
    const [first, second] = await hooks.waitFor(2);
    expect(first!.body.alertId).toBe(alertId);
    expect(second!.body).toEqual({
      kind: 'alert',
      org: 'org-a',
      alertId,
      type: 'critical_item',
      severity: 'high',
      participantId: w.participantId,
      programId: w.programId,
      groupId: null,
      measureId: measure.measureId,
      raisedAt: '2026-03-10T12:00:00.000Z',
      message: expect.any(String),
    });
    expect(JSON.stringify(second!.body)).not.toContain('Alex');
  });

  it('lists alerts in the caller scope, filtered by status', async () => {
    const { alertId, measure } = await raise(w);
    const mine = await list(w.tokens.therapist, `?minPosition=${measure.position}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toContainEqual({
      alertId,
      type: 'critical_item',
      severity: 'high',
      participantId: w.participantId,
      groupId: null,
      measureId: measure.measureId,
      raisedAt: '2026-03-10T12:00:00.000Z',
      message: expect.any(String),
      status: 'open',
      acknowledgedAt: null,
    });
    expect((await list(w.tokens.otherTherapist)).body.items).toEqual([]);
    expect((await list(w.tokens.otherOrgDirector)).body.items).toEqual([]);
    expectProblem(await list(w.tokens.researcher), 403, 'ROLE_NOT_ALLOWED');
    expectInvalid(await list(w.tokens.director, '?status=closed'), ['/status']);
    expectInvalid(await list(w.tokens.director, '?limit=0'), ['/limit']);
  });

  it('lists newest first and at most `limit`', async () => {
    await raise(w);
    const { measure } = await raise(w);
    const all = (await list(w.tokens.director, `?minPosition=${measure.position}`)).body.items as { alertId: string; raisedAt: string }[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    const order = all.map((a) => `${a.raisedAt} ${a.alertId}`);
    expect(order).toEqual([...order].sort().reverse());
    const first = await list(w.tokens.director, '?limit=1');
    expect(first.body.items).toEqual([all[0]]);
    expect(first.body.total).toBe(all.length);
  });

  it('filters by type, participants (comma-separated) and group, and counts every match in `total`', async () => {
    const other = await newParticipant(api, w.tokens.director, w.programId);
    const mine = await raise(w);
    const theirs = await raise(w, other);
    const all = (await list(w.tokens.director, `?minPosition=${theirs.measure.position}`)).body;
    expect(all.total).toBe(all.items.length);
    const ofOther = (await list(w.tokens.director, `?participantId=${other}`)).body;
    expect(ofOther.items.map((a: { alertId: string }) => a.alertId)).toEqual([theirs.alertId]);
    expect(ofOther.total).toBe(1);
    const ofBoth = (await list(w.tokens.director, `?participantId=${w.participantId},${other}&type=critical_item&limit=1`)).body;
    expect(ofBoth.items).toHaveLength(1);
    expect(ofBoth.total).toBe(all.items.filter((a: { type: string }) => a.type === 'critical_item').length);
    expect(ofBoth.total).toBeGreaterThanOrEqual(2);
    expect((await list(w.tokens.director, `?participantId=${other}&type=not_a_type`)).body).toEqual({ items: [], total: 0 });
    expect((await list(w.tokens.director, '?groupId=no-such-group')).body).toEqual({ items: [], total: 0 });
    expect(all.items.map((a: { alertId: string }) => a.alertId)).toContain(mine.alertId);
    expectInvalid(await list(w.tokens.director, '?participantId=,'), ['/participantId']);
  });

  it('acknowledges once with an encrypted note (200), then 422; the banner and the open list drop it', async () => {
    const { alertId } = await raise(w);
    expect((await api.http('GET', '/api/v1/alerts/banner', { token: w.tokens.director })).body.items.map((n: { alertId: string }) => n.alertId)).toContain(alertId);
    const result = await ack(alertId, { note: 'Called Alex; safety plan reviewed' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ alertId, type: 'critical_item', severity: 'high', participantId: w.participantId, status: 'acknowledged', acknowledgedAt: '2026-03-10T12:00:00.000Z', eventIds: [expect.any(String)] });
    expect(JSON.stringify(result.body)).not.toContain('safety plan');
    const event = (await api.store.readStream(`participant-${w.participantId}`)).find((e) => e.type === 'AlertAcknowledged' && (e.data as { alertId: string }).alertId === alertId)!;
    expect(event.data).toMatchObject({ note: { alg: 'A256GCM', keyId: w.participantId } });
    expect(JSON.stringify(event.data)).not.toContain('safety plan');
    expectProblem(await ack(alertId, {}), 422, 'ALERT_ALREADY_ACKNOWLEDGED');
    const open = await list(w.tokens.director, `?status=open&minPosition=${result.body.position}`);
    expect(open.body.items.map((a: { alertId: string }) => a.alertId)).not.toContain(alertId);
    const done = await list(w.tokens.director, '?status=acknowledged');
    expect(done.body.items.map((a: { alertId: string }) => a.alertId)).toContain(alertId);
    expect((await api.http('GET', '/api/v1/alerts/banner', { token: w.tokens.director })).body.items.map((n: { alertId: string }) => n.alertId)).not.toContain(alertId);
  });

  it('answers 404 for an unknown alert and for an alert of another organization; 403 out of scope; 400 for a bad note', async () => {
    const { alertId } = await raise(w);
    const before = await head(api);
    expectProblem(await ack('00000000-0000-4000-8000-000000000000', {}), 404, 'ALERT_NOT_FOUND');
    expectProblem(await ack(alertId, {}, w.tokens.otherOrgDirector), 404, 'ALERT_NOT_FOUND');
    expectProblem(await ack(alertId, {}, w.tokens.otherTherapist), 403, 'OUT_OF_SCOPE');
    expectProblem(await ack(alertId, {}, w.tokens.researcher), 403, 'ROLE_NOT_ALLOWED');
    expectInvalid(await ack(alertId, { note: 7 }), ['/note']);
    expect(await head(api)).toBe(before);
  });

  it('replays an acknowledgement with the same Idempotency-Key, appending nothing', async () => {
    const { alertId } = await raise(w);
    const first = await ack(alertId, {}, w.tokens.director, { 'Idempotency-Key': 'ack-1' });
    expect(first.status).toBe(200);
    const before = await head(api);
    const again = await ack(alertId, {}, w.tokens.director, { 'Idempotency-Key': 'ack-1' });
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(await head(api)).toBe(before);
  });

  it('keeps the banner in scope: a therapist sees only the alerts of their groups', async () => {
    const stranger = await newParticipant(api, w.tokens.director, w.programId, w.otherGroupId);
    const { alertId } = await raise(w, stranger);
    const director = await api.http('GET', '/api/v1/alerts/banner', { token: w.tokens.director });
    const mine = await api.http('GET', '/api/v1/alerts/banner', { token: w.tokens.therapist });
    const theirs = await api.http('GET', '/api/v1/alerts/banner', { token: w.tokens.otherTherapist });
    expect(director.body.items.map((n: { alertId: string }) => n.alertId)).toContain(alertId);
    expect(mine.body.items.map((n: { alertId: string }) => n.alertId)).not.toContain(alertId);
    expect(theirs.body.items.map((n: { alertId: string }) => n.alertId)).toEqual([alertId]);
    expectProblem(await api.http('GET', '/api/v1/alerts/banner', { token: w.tokens.researcher }), 403, 'ROLE_NOT_ALLOWED');
  });
});
