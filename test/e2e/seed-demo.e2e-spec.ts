import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiRequest, generateCohort, seedThroughHttp, SeedFailed } from '#libs/synthetic';
import { type ApiHarness, startApi } from '../../apps/api/src/testing/api-harness.js';

/**
 * The synthetic generator against the real api (loopback HTTP, real SQLite file): every
 * request of a small cohort, clinical facts included, is accepted, and the organization reads
 * back as generated.
 */
describe('seeding a synthetic organization through HTTP', () => {
  let api: ApiHarness;
  const today = new Date().toISOString().slice(0, 10);
  const requests = generateCohort({ seed: 11, org: 'seeded', today, programs: 2, groupsPerProgram: 2, weeks: 6, membersPerGroup: 5 });
  const count = (kind: ApiRequest['kind']) => requests.filter((r) => r.kind === kind).length;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('sends every request with a 2xx answer and counts them by kind', async () => {
    const result = await seedThroughHttp(api.baseUrl, requests, { concurrency: 3 });
    expect(result.requests).toBe(requests.length);
    for (const kind of ['program', 'group', 'participant', 'join', 'session', 'attendance', 'measure', 'milestone', 'consent', 'leave'] as const) {
      expect({ kind, sent: result.byKind[kind] ?? 0 }).toEqual({ kind, sent: count(kind) });
    }
    expect(count('measure')).toBeGreaterThan(50);
  });

  it('reads back the groups, their sessions and the participants by name', async () => {
    const director = requests.find((r) => r.kind === 'program')!.actor;
    const token = await api.token('director', director.sub, 'seeded');
    const head = (await api.http('GET', '/health')).body.eventStore.head;
    const groups = await api.http('GET', `/api/v1/groups?minPosition=${head}`, { token });
    expect(groups.status).toBe(200);
    const generatedGroups = requests.filter((r) => r.kind === 'group').map((r) => r.body.name).sort();
    expect(groups.body.items.map((g: { name: string }) => g.name).sort()).toEqual(generatedGroups);
    expect(groups.body.items.reduce((n: number, g: { sessions: number }) => n + g.sessions, 0)).toBe(count('session'));
    const participants = await api.http('GET', '/api/v1/participants', { token });
    expect(participants.body.items.map((p: { displayName: string }) => p.displayName).sort()).toEqual(requests.filter((r) => r.kind === 'participant').map((r) => r.body.displayName).sort());
  });

  it('fails loudly with the response body when the api refuses a request (the same ids again)', async () => {
    const error = await seedThroughHttp(api.baseUrl, requests.slice(0, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedFailed);
    expect((error as SeedFailed).status).toBe(409);
    expect((error as SeedFailed).message).toContain('ID_TAKEN');
  });
});
