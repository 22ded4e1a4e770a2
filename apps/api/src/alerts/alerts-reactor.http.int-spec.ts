import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { organizationFixture } from '../testing/fixtures.js';

/** History-based alerts come from the reactor that follows the event store inside the embedded process. */
describe('alerts reactor in embedded mode', () => {
  let api: ApiHarness;
  beforeAll(async () => (api = await startApi()));
  afterAll(async () => api.close());

  it('raises missed_sessions after two sessions missed in a row, listed with the other alerts', async () => {
    const fx = await organizationFixture(api);
    const member = await fx.member('2026-01-06');
    for (const date of ['2026-01-13', '2026-01-20']) {
      const sessionId = await fx.session(date);
      const put = await api.http('PUT', `/api/v1/groups/${fx.groupId}/sessions/${sessionId}/attendance`, { token: fx.director, body: { records: [{ participantId: member, status: 'absent' }] } });
      expect(put.status).toBe(200);
    }
    let alerts: { type: string; participantId: string }[] = [];
    for (let i = 0; i < 50 && !alerts.some((a) => a.type === 'missed_sessions'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      alerts = (await api.http('GET', '/api/v1/alerts?status=open', { token: fx.director })).body.items;
    }
    expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'missed_sessions', participantId: member })]));
    expect(alerts.filter((a) => a.type === 'missed_sessions')).toHaveLength(1);
  });
});
