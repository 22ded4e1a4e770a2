import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClinicalWorld, expectInvalid, expectProblem, head, setUpClinicalWorld, startClinicalApi } from '../measures/testing/clinical-fixtures.js';
import type { ApiHarness } from '../testing/api-harness.js';

const DAY = '2026-03-10'; // the UTC day of the fixtures' fixed clock

describe('the audit trail over HTTP', () => {
  let api: ApiHarness;
  let world: ClinicalWorld;
  const audit = async (token: string, query = `from=${DAY}&to=${DAY}`) => api.http('GET', `/api/v1/audit?${query}`, { token });
  beforeAll(async () => {
    api = await startClinicalApi();
    world = await setUpClinicalWorld(api);
  });
  afterAll(async () => api.close());

  it('records a read of one participant: who, role, what, which, when, why (X-Purpose)', async () => {
    const at = `minPosition=${await head(api)}`;
    const read = await api.http('GET', `/api/v1/participants/${world.participantId}?${at}`, { token: world.tokens.therapist, headers: { 'X-Purpose': 'payment' } });
    expect(read.status).toBe(200);
    const items = (await audit(world.tokens.director)).body.items;
    expect(items.at(-1)).toEqual({ at: '2026-03-10T12:00:00.000Z', actor: 'therapist-1', role: 'therapist', action: 'participant.read', resource: `participants/${world.participantId}`, purpose: 'payment', subjects: [world.participantId] });
  });

  it('records a list with the participants it disclosed, purpose treatment by default', async () => {
    await api.http('GET', `/api/v1/participants?groupId=${world.groupId}`, { token: world.tokens.director });
    const items = (await audit(world.tokens.admin)).body.items;
    expect(items.at(-1)).toMatchObject({ actor: 'director-1', action: 'participants.list', resource: `groups/${world.groupId}/participants`, purpose: 'treatment', subjects: [world.participantId] });
  });

  it('keeps ids only, in a stream of its own per organization and day', async () => {
    const events = await api.store.readStream(`audit-org-a-${DAY}`);
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((e) => e.type === 'AuditRecorded' && e.metadata.org === 'org-a')).toBe(true);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain('Alex Example');
    expect(Object.keys(events[0]!.data as object).sort()).toEqual(['action', 'actor', 'at', 'purpose', 'resource', 'role', 'subjects']);
  });

  it('refuses a purpose outside the list and records nothing for refused reads', async () => {
    const before = await head(api);
    const bad = await api.http('GET', `/api/v1/participants/${world.participantId}`, { token: world.tokens.director, headers: { 'X-Purpose': 'curiosity about Alex' } });
    expectProblem(bad, 400, bad.body.code);
    expect((await api.http('GET', `/api/v1/participants/${world.participantId}`, { token: world.tokens.otherTherapist })).status).toBe(403);
    expect((await api.http('GET', `/api/v1/participants/${world.participantId}`, { token: world.tokens.researcher })).status).toBe(403);
    expect((await api.http('GET', `/api/v1/participants/${world.participantId}`, { token: world.tokens.otherOrgDirector })).status).toBe(404);
    expect(await head(api)).toBe(before);
  });

  it('is read by directors and admins of the organization only, day by day', async () => {
    for (const token of [world.tokens.therapist, world.tokens.researcher]) expectProblem(await audit(token), 403, 'ROLE_NOT_ALLOWED');
    expect((await api.http('GET', '/api/v1/audit')).status).toBe(401);
    expect((await audit(world.tokens.otherOrgDirector)).body).toEqual({ items: [] });
    expect((await audit(world.tokens.director, 'from=2026-03-11&to=2026-03-12')).body).toEqual({ items: [] });
    expect((await audit(world.tokens.director, '')).body.items.length).toBeGreaterThan(0); // default: today
    expectInvalid(await audit(world.tokens.director, 'from=2026-03-12&to=2026-03-10'), ['/from']);
    expectInvalid(await audit(world.tokens.director, 'from=2026-02-30'), ['/from']);
    expectInvalid(await audit(world.tokens.director, 'from=2020-01-01&to=2026-03-10'), ['/to']);
  });
});
