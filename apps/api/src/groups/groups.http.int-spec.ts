import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { head, organizationFixture } from '../testing/fixtures.js';

describe('groups, memberships, sessions and attendance over HTTP', () => {
  let api: ApiHarness;
  let fx: Awaited<ReturnType<typeof organizationFixture>>;
  beforeAll(async () => {
    api = await startApi();
    fx = await organizationFixture(api);
  });
  afterAll(async () => api.close());

  it('creates a group with the write response of API.md', async () => {
    const groupId = randomUUID();
    const created = await api.http('POST', '/api/v1/groups', { token: fx.director, body: { groupId, programId: fx.programId, name: 'Thursday', facilitatorIds: ['t-9', 't-9'], startsOn: '2026-02-01' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ groupId, programId: fx.programId, name: 'Thursday', facilitatorIds: ['t-9'], startsOn: '2026-02-01', closedOn: null, revision: 0 });
    expect(created.body.eventIds).toHaveLength(1);
    expect(created.body.position).toMatch(/^\d+$/);
    const again = await api.http('POST', '/api/v1/groups', { token: fx.director, body: { groupId, programId: fx.programId, name: 'Thursday', facilitatorIds: ['t-9'], startsOn: '2026-02-01' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ID_TAKEN');
  });

  it('refuses a group in an unknown program with 404 and bad fields with 400 pointers', async () => {
    const before = await head(api);
    const unknown = await api.http('POST', '/api/v1/groups', { token: fx.director, body: { programId: randomUUID(), name: 'x', facilitatorIds: ['a'], startsOn: '2026-01-01' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PROGRAM_NOT_FOUND');
    const bad = await api.http('POST', '/api/v1/groups', { token: fx.director, body: { programId: 'nope', name: '', facilitatorIds: [], startsOn: '2026-02-30', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/', '/facilitatorIds', '/name', '/programId', '/startsOn']);
    expect(await head(api)).toBe(before);
  });

  it('adds a member once, lets them leave once, and keeps the reason', async () => {
    const participantId = await fx.member('2026-01-06');
    const twice = await api.http('POST', `/api/v1/groups/${fx.groupId}/members`, { token: fx.director, body: { participantId, joinedOn: '2026-01-07' } });
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('ALREADY_MEMBER');
    const early = await api.http('POST', `/api/v1/groups/${fx.groupId}/members/${participantId}/leave`, { token: fx.director, body: { leftOn: '2026-01-01', reason: 'completed' } });
    expect(early.body.code).toBe('LEFT_BEFORE_JOINING');
    const left = await api.http('POST', `/api/v1/groups/${fx.groupId}/members/${participantId}/leave`, { token: fx.director, body: { leftOn: '2026-03-01', reason: 'dropped_out' } });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ groupId: fx.groupId, participantId, joinedOn: '2026-01-06', leftOn: '2026-03-01', reason: 'dropped_out' });
    const again = await api.http('POST', `/api/v1/groups/${fx.groupId}/members/${participantId}/leave`, { token: fx.director, body: { leftOn: '2026-03-02', reason: 'completed' } });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('MEMBER_ALREADY_LEFT');
    const stranger = await api.http('POST', `/api/v1/groups/${fx.groupId}/members/${randomUUID()}/leave`, { token: fx.director, body: { leftOn: '2026-03-02', reason: 'completed' } });
    expect(stranger.body.code).toBe('MEMBER_NOT_IN_GROUP');
    const badReason = await api.http('POST', `/api/v1/groups/${fx.groupId}/members/${participantId}/leave`, { token: fx.director, body: { leftOn: '2026-03-02', reason: 'bored' } });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors[0].path).toBe('/reason');
  });

  it('refuses a member of another program and an unknown participant', async () => {
    const other = await api.http('POST', '/api/v1/programs', { token: fx.director, body: { name: 'Other', part2: true, timeZone: 'UTC' } });
    const p = await api.http('POST', '/api/v1/participants', { token: fx.director, body: { programId: other.body.programId, displayName: 'Bo', dateOfBirth: '1980-01-01' } });
    const wrong = await api.http('POST', `/api/v1/groups/${fx.groupId}/members`, { token: fx.director, body: { participantId: p.body.participantId, joinedOn: '2026-01-10' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('PARTICIPANT_IN_OTHER_PROGRAM');
    const unknown = await api.http('POST', `/api/v1/groups/${fx.groupId}/members`, { token: fx.director, body: { participantId: randomUUID(), joinedOn: '2026-01-10' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PARTICIPANT_NOT_FOUND');
  });

  it('records attendance only for members enrolled on the session date, and a later PUT corrects it', async () => {
    const early = await fx.member('2026-01-06');
    const late = await fx.member('2026-01-20');
    const sessionId = await fx.session('2026-01-13');
    const path = `/api/v1/groups/${fx.groupId}/sessions/${sessionId}/attendance`;
    const notYet = await api.http('PUT', path, { token: fx.director, body: { records: [{ participantId: late, status: 'present' }] } });
    expect(notYet.status).toBe(422);
    expect(notYet.body.code).toBe('MEMBER_NOT_IN_GROUP');
    const first = await api.http('PUT', path, { token: fx.director, body: { records: [{ participantId: early, status: 'late' }] } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ sessionId, date: '2026-01-13', correction: false, records: [{ participantId: early, status: 'late' }] });
    const correction = await api.http('PUT', path, { token: fx.director, body: { records: [{ participantId: early, status: 'excused' }] } });
    expect(correction.body.correction).toBe(true);
    const events = await api.store.readStream(`group-${fx.groupId}`);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['AttendanceRecorded', 'AttendanceCorrected']);
    const dup = await api.http('PUT', path, { token: fx.director, body: { records: [{ participantId: early, status: 'present' }, { participantId: early, status: 'absent' }] } });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe('/records/1/participantId');
    const unknownSession = await api.http('PUT', `/api/v1/groups/${fx.groupId}/sessions/${randomUUID()}/attendance`, { token: fx.director, body: { records: [{ participantId: early, status: 'present' }] } });
    expect(unknownSession.status).toBe(404);
    expect(unknownSession.body.code).toBe('SESSION_NOT_FOUND');
  });

  it('refuses a session before the group starts and a duplicate session id', async () => {
    const sessionId = randomUUID();
    const before = await api.http('POST', `/api/v1/groups/${fx.groupId}/sessions`, { token: fx.director, body: { sessionId, date: '2025-12-30' } });
    expect(before.body.code).toBe('SESSION_BEFORE_GROUP_START');
    expect((await api.http('POST', `/api/v1/groups/${fx.groupId}/sessions`, { token: fx.director, body: { sessionId, date: '2026-02-03' } })).status).toBe(201);
    const dup = await api.http('POST', `/api/v1/groups/${fx.groupId}/sessions`, { token: fx.director, body: { sessionId, date: '2026-02-03' } });
    expect(dup.status).toBe(409);
  });

  it('lets a facilitator record for their own group only, and never a researcher', async () => {
    const own = await api.token('therapist', 'therapist-1');
    const otherTherapist = await api.token('therapist', 'therapist-2');
    const researcher = await api.token('researcher', 'r-1');
    expect((await api.http('POST', `/api/v1/groups/${fx.groupId}/sessions`, { token: own, body: { date: '2026-02-10' } })).status).toBe(201);
    const forbidden = await api.http('POST', `/api/v1/groups/${fx.groupId}/sessions`, { token: otherTherapist, body: { date: '2026-02-10' } });
    expect(forbidden.status).toBe(403);
    expect((await api.http('POST', `/api/v1/groups/${fx.groupId}/sessions`, { token: researcher, body: { date: '2026-02-10' } })).status).toBe(403);
    expect((await api.http('POST', `/api/v1/groups/${fx.groupId}/close`, { token: own, body: { closedOn: '2026-03-01' } })).status).toBe(403);
  });

  it('hides another organization behind 404', async () => {
    const stranger = await api.token('director', 'd-x', 'org-b');
    const result = await api.http('POST', `/api/v1/groups/${fx.groupId}/sessions`, { token: stranger, body: { date: '2026-02-10' } });
    expect(result.status).toBe(404);
    const list = await api.http('GET', '/api/v1/groups', { token: stranger });
    expect(list.body.items).toEqual([]);
  });

  it('changes facilitators, then closes the group once, after which it takes no new sessions or members', async () => {
    const fx2 = await organizationFixture(api);
    const changed = await api.http('POST', `/api/v1/groups/${fx2.groupId}/facilitators`, { token: fx2.director, body: { facilitatorIds: ['therapist-7'] } });
    expect(changed.body.facilitatorIds).toEqual(['therapist-7']);
    const closed = await api.http('POST', `/api/v1/groups/${fx2.groupId}/close`, { token: fx2.director, body: { closedOn: '2026-04-01' } });
    expect(closed.status).toBe(200);
    expect(closed.body.closedOn).toBe('2026-04-01');
    expect((await api.http('POST', `/api/v1/groups/${fx2.groupId}/close`, { token: fx2.director, body: { closedOn: '2026-04-02' } })).body.code).toBe('GROUP_ALREADY_CLOSED');
    expect((await api.http('POST', `/api/v1/groups/${fx2.groupId}/sessions`, { token: fx2.director, body: { date: '2026-04-08' } })).body.code).toBe('GROUP_CLOSED');
  });

  it('lists the groups a therapist facilitates, after the directory caught up', async () => {
    const therapist = await api.token('therapist', 'therapist-1');
    const position = await head(api);
    const list = await api.http('GET', `/api/v1/groups?minPosition=${position}`, { token: therapist });
    expect(list.status).toBe(200);
    expect(list.body.items.map((g: { groupId: string }) => g.groupId)).toEqual([fx.groupId]);
  });

  it('lists what changed since the last list: a new member, a new session, a facilitator named (the answer is kept between requests)', async () => {
    const fx3 = await organizationFixture(api, 'org-list');
    const listed = async () => {
      const list = await api.http('GET', `/api/v1/groups?minPosition=${await head(api)}`, { token: fx3.director });
      expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
      return list.body.items.find((g: { groupId: string }) => g.groupId === fx3.groupId);
    };
    expect(await listed()).toMatchObject({ activeMembers: 0, sessions: 0, facilitators: [{ userId: 'therapist-1', name: null }] });
    expect(await listed()).toMatchObject({ activeMembers: 0 }); // the kept answer
    await fx3.member('2026-01-06');
    expect(await listed()).toMatchObject({ activeMembers: 1, sessions: 0 });
    await fx3.session('2026-01-13');
    expect(await listed()).toMatchObject({ activeMembers: 1, sessions: 1 });
    expect((await api.http('PUT', '/api/v1/staff/therapist-1', { token: fx3.director, body: { name: 'Tess Listed' } })).status).toBe(200);
    expect(await listed()).toMatchObject({ facilitators: [{ userId: 'therapist-1', name: 'Tess Listed' }] });
  });
});
