import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '#libs/system';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { organizationFixture } from '../testing/fixtures.js';

/**
 * POST /api/v1/admin/projections/rebuild in embedded mode: the whole log is replayed into fresh
 * chDB tables and swapped in while the api keeps answering; the answers do not change.
 */
describe('projection rebuild over HTTP (embedded)', () => {
  let api: ApiHarness;
  let fx: Awaited<ReturnType<typeof organizationFixture>>;
  let admin: string;
  const clock = new FixedClock(new Date('2026-04-01T12:00:00Z'));

  const measure = (participantId: string, items: number[], administeredOn: string) =>
    api.http('POST', `/api/v1/participants/${participantId}/measures`, { token: fx.director, body: { instrument: 'GAD-7', items, administeredOn } });
  const outcomes = (minPosition: string) => api.http('GET', `/api/v1/programs/${fx.programId}/outcomes?instrument=GAD-7&minPosition=${minPosition}`, { token: fx.director });
  const retention = () => api.http('GET', `/api/v1/programs/${fx.programId}/retention`, { token: fx.director });

  async function finished(): Promise<Record<string, unknown>> {
    for (let i = 0; i < 300; i++) {
      const status = await api.http('GET', '/api/v1/admin/projections/rebuild', { token: admin });
      expect(status.status).toBe(200);
      if (status.body.state !== 'running') return status.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('rebuild did not finish in 30 s');
  }

  beforeAll(async () => {
    api = await startApi({}, { clock });
    fx = await organizationFixture(api);
    admin = await api.token('admin', 'admin-1');
    sessions = [await fx.session('2026-01-13'), await fx.session('2026-01-20')];
    for (let i = 0; i < 6; i++) await measuredMember(`Member ${i}`, i % 3);
  });

  let sessions: string[];
  /** A member who attended both sessions (outcomes count ≥ 2 sessions) with a baseline and a follow-up. */
  async function measuredMember(name: string, lastItem: number) {
    const member = await fx.member('2026-01-06', name);
    for (const sessionId of sessions) {
      const attended = await api.http('PUT', `/api/v1/groups/${fx.groupId}/sessions/${sessionId}/attendance`, { token: fx.director, body: { records: [{ participantId: member, status: 'present' }] } });
      expect(attended.status).toBe(200);
    }
    expect((await measure(member, [3, 3, 3, 2, 2, 2, 2], '2026-01-13')).status).toBe(201);
    const last = await measure(member, [1, 1, 1, 1, 0, 0, lastItem], '2026-02-10');
    expect(last.status).toBe(201);
    return last.body.position as string;
  }
  afterAll(async () => api.close());

  it('answers 403 to every role but admin, and 401 without a token', async () => {
    for (const role of ['director', 'therapist', 'researcher'] as const) {
      const token = await api.token(role);
      expect((await api.http('POST', '/api/v1/admin/projections/rebuild', { token })).status).toBe(403);
      expect((await api.http('GET', '/api/v1/admin/projections/rebuild', { token })).status).toBe(403);
    }
    expect((await api.http('POST', '/api/v1/admin/projections/rebuild')).status).toBe(401);
    expect((await api.http('GET', '/api/v1/admin/projections/rebuild', { token: admin })).body.state).toBe('idle');
  });

  it('accepts with 202, keeps answering reads meanwhile, swaps in tables with the same answers, and shows later writes', async () => {
    const before = await outcomes((await api.http('GET', '/health')).body.eventStore.head);
    expect(before.status).toBe(200);
    expect(before.body.n).toBe(6);
    const retentionBefore = await retention();

    const accepted = await api.http('POST', '/api/v1/admin/projections/rebuild', { token: admin });
    expect(accepted.status).toBe(202);
    expect(accepted.body.state).toBe('running');
    // Reads go to the current tables while the new ones fill; a write made now is not lost.
    const during = await outcomes('0');
    expect(during.status).toBe(200);
    const lastWrite = await measuredMember('Late Member', 0);

    const done = await finished();
    expect(done).toMatchObject({ state: 'succeeded', phase: 'done', error: null });
    const after = await outcomes(lastWrite);
    expect(after.status).toBe(200);
    expect(after.body.n).toBe(7);
    expect((await retention()).body.points.length).toBeGreaterThanOrEqual(retentionBefore.body.points.length);
  });

  it('gives the same answers after a second rebuild with nothing new (rebuilt equals incremental)', async () => {
    const headPosition: string = (await api.http('GET', '/health')).body.eventStore.head;
    const before = await outcomes(headPosition);
    const retentionBefore = await retention();
    expect((await api.http('POST', '/api/v1/admin/projections/rebuild', { token: admin })).status).toBe(202);
    expect(await finished()).toMatchObject({ state: 'succeeded' });
    const after = await outcomes(headPosition);
    expect({ ...after.body, asOf: null }).toEqual({ ...before.body, asOf: null });
    expect({ ...(await retention()).body, asOf: null }).toEqual({ ...retentionBefore.body, asOf: null });
  });
});
