import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '#libs/system';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { head, organizationFixture } from '../testing/fixtures.js';

/** PUT /staff/{userId}, GET /staff, and the names they put into GET /groups and the outcomes' byTherapist. */
describe('staff names over HTTP', () => {
  let api: ApiHarness;
  let fx: Awaited<ReturnType<typeof organizationFixture>>;
  const put = (userId: string, body: unknown, token: string, headers?: Record<string, string>) => api.http('PUT', `/api/v1/staff/${userId}`, { token, body, headers });

  beforeAll(async () => {
    api = await startApi({}, { clock: new FixedClock(new Date('2026-04-01T12:00:00Z')) });
    fx = await organizationFixture(api); // a group facilitated by therapist-1
    // One participant with two attended sessions and two GAD-7s: a byTherapist row for therapist-1.
    const alex = await fx.member('2026-01-06');
    for (const date of ['2026-01-13', '2026-01-20']) {
      const sessionId = await fx.session(date);
      expect((await api.http('PUT', `/api/v1/groups/${fx.groupId}/sessions/${sessionId}/attendance`, { token: fx.director, body: { records: [{ participantId: alex, status: 'present' }] } })).status).toBe(200);
    }
    for (const [items, administeredOn] of [[[3, 3, 3, 3, 2, 2, 2], '2026-01-13'], [[1, 1, 1, 1, 1, 1, 0], '2026-01-20']] as const) {
      expect((await api.http('POST', `/api/v1/participants/${alex}/measures`, { token: fx.director, body: { instrument: 'GAD-7', items, administeredOn } })).status).toBe(201);
    }
  });
  afterAll(async () => api.close());

  it('names a staff member (200, flat write response), lists them, and a repeat with the same name appends nothing', async () => {
    const first = await put('therapist-1', { name: '  Dr Ada Moss  ' }, fx.director);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ userId: 'therapist-1', name: 'Dr Ada Moss', eventIds: [expect.any(String)], revision: 0, position: expect.stringMatching(/^\d+$/) });
    const before = await head(api);
    const again = await put('therapist-1', { name: 'Dr Ada Moss' }, await api.token('admin', 'admin-1'));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ userId: 'therapist-1', name: 'Dr Ada Moss', eventIds: [], revision: 0, position: first.body.position });
    expect(await head(api)).toBe(before);
    const renamed = await put('therapist-1', { name: 'Dr Ada Moss-Lee' }, fx.director);
    expect(renamed.body).toMatchObject({ name: 'Dr Ada Moss-Lee', revision: 1, eventIds: [expect.any(String)] });
    expect((await put('director-1', { name: 'Jo Park' }, fx.director)).status).toBe(200);
    const list = await api.http('GET', `/api/v1/staff?minPosition=${await head(api)}`, { token: await api.token('therapist', 'therapist-1') });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [{ userId: 'therapist-1', name: 'Dr Ada Moss-Lee' }, { userId: 'director-1', name: 'Jo Park' }] });
  });

  it('describes both routes in the OpenAPI document, the user id as a sub rather than a UUID', async () => {
    const doc = (await api.http('GET', '/api/docs-json')).body;
    const put = doc.paths['/api/v1/staff/{userId}'].put;
    expect(put.parameters).toContainEqual({ name: 'userId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,128}$' } });
    expect(put.requestBody.content['application/json'].schema.properties.name).toMatchObject({ type: 'string', maxLength: 200 });
    expect(doc.paths['/api/v1/staff'].get).toBeDefined();
  });

  it('answers the same Idempotency-Key and body with the first response again', async () => {
    const headers = { 'idempotency-key': 'name-therapist-7' };
    const first = await put('therapist-7', { name: 'Kim Lee' }, fx.director, headers);
    const before = await head(api);
    const replay = await put('therapist-7', { name: 'Kim Lee' }, fx.director, headers);
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.body).toEqual(first.body);
    expect(await head(api)).toBe(before);
    expect((await put('therapist-7', { name: 'Other' }, fx.director, headers)).status).toBe(409);
  });

  it('refuses a bad name or user id with field pointers (400), other roles with 403, appending nothing', async () => {
    expect((await put('x'.repeat(128), { name: 'Longest Id' }, fx.director)).status).toBe(200); // a sub may be 128 characters
    const before = await head(api);
    const bad = await put('not%20valid', { name: '   ', extra: 1 }, fx.director);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/', '/name', '/userId']);
    const long = await put('therapist-1', { name: 'x'.repeat(201) }, fx.director);
    expect(long.body.errors).toEqual([{ path: '/name', message: expect.any(String) }]);
    const longId = await put('x'.repeat(129), { name: 'Fine' }, fx.director);
    expect(longId.status).toBe(400);
    expect(longId.body.errors).toEqual([{ path: '/userId', message: expect.stringContaining('1-128') }]);
    for (const role of ['therapist', 'researcher'] as const) {
      const refused = await put('therapist-1', { name: 'Me' }, await api.token(role));
      expect([refused.status, refused.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    }
    expect((await api.http('GET', '/api/v1/staff', { token: await api.token('researcher') })).status).toBe(403);
    expect(await head(api)).toBe(before);
  });

  it("keeps organizations apart: another organization's names are its own", async () => {
    const orgB = await api.token('director', 'director-9', 'org-b');
    const named = await put('therapist-1', { name: 'Somebody Else' }, orgB);
    expect(named.status).toBe(200);
    const at = `minPosition=${named.body.position}`;
    expect((await api.http('GET', `/api/v1/staff?${at}`, { token: orgB })).body.items).toEqual([{ userId: 'therapist-1', name: 'Somebody Else' }]);
    const orgA = (await api.http('GET', `/api/v1/staff?${at}`, { token: fx.director })).body.items;
    expect(orgA).toContainEqual({ userId: 'therapist-1', name: 'Dr Ada Moss-Lee' });
    expect(JSON.stringify(orgA)).not.toContain('Somebody Else');
  });

  it('puts the names into the outcomes byTherapist and the groups facilitators (researchers: null)', async () => {
    const at = `minPosition=${await head(api)}`;
    const outcomes = await api.http('GET', `/api/v1/programs/${fx.programId}/outcomes?instrument=GAD-7&${at}`, { token: fx.director });
    expect(outcomes.status).toBe(200);
    expect(outcomes.body.byTherapist).toEqual([expect.objectContaining({ therapistId: 'therapist-1', therapistName: 'Dr Ada Moss-Lee', n: 1 })]);
    const researcher = await api.http('GET', `/api/v1/programs/${fx.programId}/outcomes?instrument=GAD-7&${at}`, { token: await api.token('researcher') });
    expect(researcher.body.byTherapist.map((t: { therapistName: unknown }) => t.therapistName)).toEqual([null]);
    const groups = await api.http('GET', `/api/v1/groups?${at}`, { token: fx.director });
    expect(groups.body.items[0]).toMatchObject({ facilitatorIds: ['therapist-1'], facilitators: [{ userId: 'therapist-1', name: 'Dr Ada Moss-Lee' }] });
    await api.http('POST', `/api/v1/groups/${fx.groupId}/facilitators`, { token: fx.director, body: { facilitatorIds: ['therapist-1', 'therapist-unnamed'] } });
    const changed = await api.http('GET', `/api/v1/groups?minPosition=${await head(api)}`, { token: fx.director });
    expect(changed.body.items[0].facilitators).toEqual([{ userId: 'therapist-1', name: 'Dr Ada Moss-Lee' }, { userId: 'therapist-unnamed', name: null }]);
    const forResearcher = await api.http('GET', '/api/v1/groups', { token: await api.token('researcher') });
    expect(forResearcher.body.items[0].facilitators).toEqual([{ userId: 'therapist-1', name: null }, { userId: 'therapist-unnamed', name: null }]);
  });
});
