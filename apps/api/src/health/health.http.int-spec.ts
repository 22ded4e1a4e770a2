import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiHarness, startApi } from '../testing/api-harness.js';

describe('GET /health and /metrics', () => {
  let api: ApiHarness;
  beforeAll(async () => (api = await startApi()));
  afterAll(async () => api.close());

  it('reports the event store head without a token', async () => {
    const result = await api.http('GET', '/health');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'ok', eventStore: { head: '0' } });
  });

  it('moves the head after a write', async () => {
    const token = await api.token('director');
    const created = await api.http('POST', '/api/v1/programs', { token, body: { name: 'Recovery', part2: true, timeZone: 'Europe/London' } });
    expect(created.status).toBe(201);
    await api.http('GET', `/api/v1/programs?minPosition=${created.body.position}`, { token });
    const health = await api.http('GET', '/health');
    expect(health.body.eventStore.head).toBe(created.body.position);
    expect(health.body.stages.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['directory', 'relay', 'analytics', 'alerts-reactor']));
    const analytics = health.body.stages.find((s: { name: string }) => s.name === 'analytics');
    expect(analytics).toEqual({ name: 'analytics', position: created.body.position, lag: '0' });
    const metrics = await api.http('GET', '/metrics');
    expect(metrics.body).toContain(`event_store_head_position ${created.body.position}`);
    expect(metrics.body).toContain('stage_lag_events{stage="analytics"} 0');
  });

  it('serves the OpenAPI document generated from the request schemas', async () => {
    const doc = await api.http('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    const op = doc.body.paths['/api/v1/programs'].post;
    expect(op.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['name', 'part2', 'timeZone']));
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/groups/{groupId}/sessions/{sessionId}/attendance', '/health']));
  });
});
