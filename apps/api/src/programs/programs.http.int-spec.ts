import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { head } from '../testing/fixtures.js';

describe('programs over HTTP', () => {
  let api: ApiHarness;
  let director: string;
  beforeAll(async () => {
    api = await startApi();
    director = await api.token('director');
  });
  afterAll(async () => api.close());

  it('creates a program with a client-chosen id and lists it in its organization only', async () => {
    const programId = randomUUID();
    const body = { programId, name: 'Recovery community', part2: true, timeZone: 'America/Chicago', plannedWeeks: 26, schedule: [{ instrument: 'BARC-10', every: '4weeks' }] };
    const created = await api.http('POST', '/api/v1/programs', { token: director, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, revision: 0, eventIds: [expect.any(String)] });
    const list = await api.http('GET', `/api/v1/programs?minPosition=${created.body.position}`, { token: director });
    expect(list.body.items).toEqual([expect.objectContaining({ programId, name: 'Recovery community', part2: true })]);
    const other = await api.http('GET', '/api/v1/programs', { token: await api.token('director', 'd-2', 'org-b') });
    expect(other.body.items).toEqual([]);
    expect((await api.http('POST', '/api/v1/programs', { token: director, body })).status).toBe(409);
  });

  it('refuses bad fields with pointers, and non-managers with 403, appending nothing', async () => {
    const before = await head(api);
    const bad = await api.http('POST', '/api/v1/programs', { token: director, body: { name: 'x', part2: 'yes', timeZone: 'Mars/Base', schedule: [{ instrument: 'XYZ', every: 'day' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/part2', '/schedule/0/every', '/schedule/0/instrument', '/timeZone']);
    const therapist = await api.http('POST', '/api/v1/programs', { token: await api.token('therapist'), body: { name: 'x', part2: false, timeZone: 'UTC' } });
    expect(therapist.status).toBe(403);
    expect(therapist.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(await head(api)).toBe(before);
  });
});
