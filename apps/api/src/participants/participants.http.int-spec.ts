import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { head, organizationFixture } from '../testing/fixtures.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('participants over HTTP', () => {
  let api: ApiHarness;
  let fx: Awaited<ReturnType<typeof organizationFixture>>;
  beforeAll(async () => {
    api = await startApi();
    fx = await organizationFixture(api);
  });
  afterAll(async () => api.close());

  it('registers a participant with identifiers encrypted at rest and coarse attributes in clear', async () => {
    const created = await api.http('POST', '/api/v1/participants', {
      token: fx.director,
      body: { programId: fx.programId, displayName: 'Zebediah Quill', dateOfBirth: '1931-02-03', gender: 'male', externalRef: 'MRN-99881' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ programId: fx.programId, gender: 'male', ageBand: '90+' });
    expect(JSON.stringify(created.body)).not.toContain('Zebediah');
    const raw = filesUnder(api.dataDir).map((f) => readFileSync(f).toString('latin1')).join('\n');
    for (const secret of ['Zebediah', 'Quill', '1931-02-03', 'MRN-99881']) expect(raw).not.toContain(secret);
    const read = await api.http('GET', `/api/v1/participants/${created.body.participantId}?minPosition=${created.body.position}`, { token: fx.director });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ displayName: 'Zebediah Quill', dateOfBirth: '1931-02-03', externalRef: 'MRN-99881', gender: 'male' });
  });

  it('validates registration and writes nothing on bad input', async () => {
    const before = await head(api);
    const bad = await api.http('POST', '/api/v1/participants', { token: fx.director, body: { programId: fx.programId, displayName: '  ', dateOfBirth: '1990-13-01', gender: 'robot' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/dateOfBirth', '/displayName', '/gender']);
    const future = await api.http('POST', '/api/v1/participants', { token: fx.director, body: { programId: fx.programId, displayName: 'Kid', dateOfBirth: '2099-01-01' } });
    expect(future.status).toBe(422);
    expect(await head(api)).toBe(before);
  });

  it('lists a group with names for its facilitator, and refuses researchers and other therapists', async () => {
    const participantId = await fx.member('2026-01-06', 'Robin Listed');
    const position = await head(api);
    const therapist = await api.token('therapist', 'therapist-1');
    const list = await api.http('GET', `/api/v1/participants?groupId=${fx.groupId}&minPosition=${position}`, { token: therapist });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ participantId, displayName: 'Robin Listed', memberships: [expect.objectContaining({ groupId: fx.groupId, joinedOn: '2026-01-06' })] })]);
    expect((await api.http('GET', `/api/v1/participants?groupId=${fx.groupId}`, { token: await api.token('therapist', 'therapist-2') })).status).toBe(403);
    expect((await api.http('GET', `/api/v1/participants/${participantId}`, { token: await api.token('researcher') })).status).toBe(403);
    expect((await api.http('GET', `/api/v1/participants/${participantId}`, { token: await api.token('director', 'd', 'org-b') })).status).toBe(404);
  });

  it('lists only the participants named, in scope, with their memberships', async () => {
    const member = await fx.member('2026-01-06', 'Noor Named');
    const outsider = await fx.participant('Olive Unlisted');
    const notMine = await fx.participant('Uma Unassigned');
    const other = await organizationFixture(api, 'org-names');
    const foreign = await other.participant('Fay Foreign');
    const position = await head(api);
    const ids = [member, outsider, foreign, '00000000-0000-4000-8000-000000000000'].join(',');
    const named = await api.http('GET', `/api/v1/participants?participantId=${ids}&minPosition=${position}`, { token: fx.director });
    expect(named.status).toBe(200);
    // Sorted by name; the other organization's participant and the unknown id are left out.
    expect(named.body.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Noor Named', 'Olive Unlisted']);
    expect(named.body.items[0].memberships).toEqual([expect.objectContaining({ groupId: fx.groupId, joinedOn: '2026-01-06', leftOn: null })]);
    expect(named.body.items[1].memberships).toEqual([]);
    // A therapist gets only the members of their groups among those named.
    const therapist = await api.token('therapist', 'therapist-1');
    const mine = await api.http('GET', `/api/v1/participants?participantId=${member},${notMine}`, { token: therapist });
    expect(mine.body.items.map((p: { participantId: string }) => p.participantId)).toEqual([member]);
    // programId and limit: the newest registrations of the program.
    const newest = await api.http('GET', `/api/v1/participants?programId=${fx.programId}&limit=2`, { token: fx.director });
    expect(newest.body.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Olive Unlisted', 'Uma Unassigned']);
    const otherProgram = await api.http('GET', `/api/v1/participants?programId=${other.programId}`, { token: fx.director });
    expect(otherProgram.body.items).toEqual([]);
    const tooMany = Array.from({ length: 501 }, (_, i) => String(i)).join(',');
    const refused = await api.http('GET', `/api/v1/participants?participantId=${tooMany}`, { token: fx.director });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/participantId']);
  });
});
