import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '#libs/system';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { organizationFixture } from '../testing/fixtures.js';

/**
 * The analytics endpoints through the whole embedded pipeline: HTTP write → SQLite → relay →
 * in-process hand-off → projector → chDB → query, with `?minPosition=` to read our own writes.
 */
describe('analytics over HTTP (embedded pipeline)', () => {
  let api: ApiHarness;
  let fx: Awaited<ReturnType<typeof organizationFixture>>;
  let position: string;
  let alex: string;
  let sessions: string[];
  const clock = new FixedClock(new Date('2026-04-01T12:00:00Z'));

  beforeAll(async () => {
    api = await startApi({}, { clock });
    fx = await organizationFixture(api);
    alex = await fx.member('2026-01-06', 'Alex Analytics');
    const blake = await fx.member('2026-01-06', 'Blake Analytics');
    sessions = [await fx.session('2026-01-13'), await fx.session('2026-01-20')];
    const attend = (sessionId: string, records: object[]) => api.http('PUT', `/api/v1/groups/${fx.groupId}/sessions/${sessionId}/attendance`, { token: fx.director, body: { records } });
    expect((await attend(sessions[0]!, [{ participantId: alex, status: 'present' }, { participantId: blake, status: 'absent' }])).status).toBe(200);
    expect((await attend(sessions[1]!, [{ participantId: alex, status: 'late' }])).status).toBe(200);
    const measure = (participantId: string, items: number[], administeredOn: string) =>
      api.http('POST', `/api/v1/participants/${participantId}/measures`, { token: fx.director, body: { instrument: 'GAD-7', items, administeredOn } });
    expect((await measure(alex, [3, 3, 3, 3, 2, 2, 2], '2026-01-13')).status).toBe(201); // 18: severe
    const last = await measure(alex, [1, 1, 1, 1, 1, 1, 0], '2026-01-20'); // 6: mild, a drop of 12
    expect(last.status).toBe(201);
    const gsrs = await api.http('POST', `/api/v1/participants/${alex}/measures`, { token: fx.director, body: { instrument: 'GSRS', items: [9, 9.5, 8, 9], administeredOn: '2026-01-20', sessionId: sessions[1] } });
    expect(gsrs.status).toBe(201);
    const left = await api.http('POST', `/api/v1/groups/${fx.groupId}/members/${blake}/leave`, { token: fx.director, body: { leftOn: '2026-02-01', reason: 'dropped_out' } });
    position = left.body.position;
  });
  afterAll(async () => api.close());

  it('shows cohesion per session with attendance and GSRS, as of the position asked for', async () => {
    const result = await api.http('GET', `/api/v1/groups/${fx.groupId}/cohesion?minPosition=${position}`, { token: fx.director });
    expect(result.status).toBe(200);
    expect(BigInt(result.body.asOf) >= BigInt(position)).toBe(true);
    const [first, second] = result.body.sessions;
    // Session 1: both enrolled, Alex present, Blake absent → rate 1/2.
    expect(first).toMatchObject({ sessionId: sessions[0], enrolled: 2, present: 1, absent: 1, unrecorded: 0, attendanceRate: 0.5 });
    // Session 2: both enrolled (Blake left on 02-01), Alex late, Blake unrecorded → rate 1/2; GSRS 35.5 from one member.
    expect(second).toMatchObject({ sessionId: sessions[1], enrolled: 2, late: 1, unrecorded: 1, attendanceRate: 0.5, gsrs: { mean: 35.5, sd: null, n: 1 } });
  });

  it('counts program outcomes with the threshold method', async () => {
    const result = await api.http('GET', `/api/v1/programs/${fx.programId}/outcomes?instrument=GAD-7&minPosition=${position}`, { token: fx.director });
    expect(result.status).toBe(200);
    // Alex: 18 → 6, two attended sessions: a case at baseline (≥ 8), reliable improvement (drop ≥ 4), recovered (6 < 8).
    expect(result.body).toMatchObject({ instrument: 'GAD-7', method: 'threshold', n: 1, ongoing: 1, nCaseAtBaseline: 1, reliableImprovement: 1, recovery: 1, reliableRecovery: 1, meanChange: -12 });
    const bad = await api.http('GET', `/api/v1/programs/${fx.programId}/outcomes?instrument=NOPE`, { token: fx.director });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/instrument');
  });

  it('answers a page of the breakdowns with their totals (breakdownLimit, breakdownOffset)', async () => {
    const url = `/api/v1/programs/${fx.programId}/outcomes?instrument=GAD-7&minPosition=${position}`;
    const page = await api.http('GET', `${url}&breakdownLimit=0`, { token: fx.director });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ n: 1, byGroup: [], byTherapist: [], byGroupTotal: 1, byTherapistTotal: 1 });
    expect((await api.http('GET', `${url}&breakdownLimit=1`, { token: fx.director })).body.byGroup).toHaveLength(1);
    const bad = await api.http('GET', `${url}&breakdownLimit=-1`, { token: fx.director });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/breakdownLimit');
  });

  it('sums attendance over the program\'s sessions', async () => {
    const result = await api.http('GET', `/api/v1/programs/${fx.programId}/attendance?minPosition=${position}`, { token: fx.director });
    expect(result.status).toBe(200);
    // The two sessions above: 4 places, Alex present then late, Blake absent then unrecorded.
    expect(result.body).toEqual({ programId: fx.programId, sessions: 2, enrolled: 4, present: 1, late: 1, absent: 1, excused: 0, unrecorded: 1, attendanceRate: 0.5, asOf: expect.any(String) });
    const second = await api.http('GET', `/api/v1/programs/${fx.programId}/attendance?from=2026-01-20&groupId=${fx.groupId}`, { token: fx.director });
    expect(second.body).toMatchObject({ sessions: 1, enrolled: 2, late: 1, unrecorded: 1 });
    const bad = await api.http('GET', `/api/v1/programs/${fx.programId}/attendance?from=yesterday`, { token: fx.director });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/from');
  });

  it('draws retention with the dropout, trends and the timeline', async () => {
    const retention = await api.http('GET', `/api/v1/programs/${fx.programId}/retention?minPosition=${position}`, { token: fx.director });
    expect(retention.status).toBe(200);
    // Two members joined 01-06; Blake dropped out on day 26 → survival 1/2 from day 26.
    expect(retention.body.points).toEqual(expect.arrayContaining([expect.objectContaining({ day: 26, atRisk: 2, events: 1, survival: 0.5 })]));
    expect(retention.body.medianDays).toBe(26);
    const trends = await api.http('GET', `/api/v1/programs/${fx.programId}/trends?instrument=GAD-7&bucket=month&minPosition=${position}`, { token: fx.director });
    expect(trends.body.items).toEqual([expect.objectContaining({ bucket: '2026-01-01', mean: 12, n: 2 })]);
    const timeline = await api.http('GET', `/api/v1/participants/${alex}/timeline?minPosition=${position}`, { token: fx.director });
    expect(timeline.status).toBe(200);
    // A fixed clock records every measure at the same instant, so same-day order falls to the id: compare as a set.
    expect(timeline.body.measures.map((m: { score: { total: number } }) => m.score.total).sort((a: number, b: number) => a - b)).toEqual([6, 18, 35.5]);
    expect(timeline.body.attendance.map((a: { status: string }) => a.status)).toEqual(['present', 'late']);
  });

  it('lists the member table with names for the facilitator', async () => {
    const therapist = await api.token('therapist', 'therapist-1');
    const result = await api.http('GET', `/api/v1/groups/${fx.groupId}/members?minPosition=${position}`, { token: therapist });
    expect(result.status).toBe(200);
    const alexRow = result.body.members.find((m: { participantId: string }) => m.participantId === alex);
    expect(alexRow).toMatchObject({ displayName: 'Alex Analytics', dose: 2 });
  });

  it('keeps scope: other therapists 403, researchers see aggregates with small cells suppressed, other orgs 404', async () => {
    const other = await api.token('therapist', 'therapist-2');
    expect((await api.http('GET', `/api/v1/groups/${fx.groupId}/cohesion`, { token: other })).status).toBe(403);
    const researcher = await api.token('researcher', 'r-1');
    expect((await api.http('GET', `/api/v1/groups/${fx.groupId}/cohesion`, { token: researcher })).status).toBe(403);
    expect((await api.http('GET', `/api/v1/participants/${alex}/timeline`, { token: researcher })).status).toBe(403);
    const outcomes = await api.http('GET', `/api/v1/programs/${fx.programId}/outcomes?instrument=GAD-7&minPosition=${position}`, { token: researcher });
    expect(outcomes.status).toBe(200);
    expect(outcomes.body).toMatchObject({ n: null, reliableImprovement: null, meanChange: null });
    const attendance = await api.http('GET', `/api/v1/programs/${fx.programId}/attendance?minPosition=${position}`, { token: researcher });
    expect(attendance.body).toMatchObject({ sessions: 2, enrolled: null, present: null, attendanceRate: null });
    const stranger = await api.token('director', 'd-9', 'org-b');
    expect((await api.http('GET', `/api/v1/programs/${fx.programId}/outcomes?instrument=GAD-7`, { token: stranger })).status).toBe(404);
  });
});
