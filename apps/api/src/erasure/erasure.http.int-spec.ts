import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ClinicalWorld, created, expectProblem, head, NOW, phq9, setUpClinicalWorld, startClinicalApi, TODAY_IN_PROGRAM } from '../measures/testing/clinical-fixtures.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { allBytes, recoverPlaintexts } from './testing/disk-forensics.js';

const SECRETS = { name: 'Zebediah Quillfeather', dateOfBirth: '1931-02-03', externalRef: 'MRN-ERASE-99881', voidReason: 'Entered for the wrong Quillfeather', label: 'Sober at Quillfeather farm', note: 'Called Zebediah at home' };

describe('erasure over HTTP (crypto-shredding)', () => {
  let api: ApiHarness;
  let world: ClinicalWorld;
  let participantId: string;
  let alertId: string;
  beforeAll(async () => {
    api = await startClinicalApi();
    world = await setUpClinicalWorld(api);
    const token = world.tokens.director;
    const body = { programId: world.programId, displayName: SECRETS.name, dateOfBirth: SECRETS.dateOfBirth, gender: 'male', externalRef: SECRETS.externalRef };
    participantId = (await created(api.http('POST', '/api/v1/participants', { token, body }))).participantId;
    await created(api.http('POST', `/api/v1/groups/${world.groupId}/members`, { token, body: { participantId, joinedOn: '2026-02-01' } }));
    const base = `/api/v1/participants/${participantId}`;
    const measure = await created(api.http('POST', `${base}/measures`, { token, body: { instrument: 'PHQ-9', items: phq9(2), administeredOn: '2026-02-02' } }));
    alertId = measure.alerts[0].alertId;
    await created(api.http('POST', `${base}/measures/${measure.measureId}/void`, { token, body: { reason: SECRETS.voidReason } }), 200);
    await created(api.http('POST', `${base}/milestones`, { token, body: { type: 'other', label: SECRETS.label, achievedOn: '2026-02-20' } }));
    await created(api.http('POST', `/api/v1/alerts/${alertId}/acknowledge`, { token, body: { note: SECRETS.note } }), 200);
  });
  afterAll(async () => api.close());

  it('reads the identifiers back before erasure, through the api and from the files (so the check below can fail)', async () => {
    const read = await api.http('GET', `/api/v1/participants/${participantId}?minPosition=${await head(api)}`, { token: world.tokens.director });
    expect(read.body).toMatchObject({ displayName: SECRETS.name, dateOfBirth: SECRETS.dateOfBirth, externalRef: SECRETS.externalRef });
    const members = await api.http('GET', `/api/v1/groups/${world.groupId}/members?minPosition=${await head(api)}`, { token: world.tokens.director });
    expect(JSON.stringify(members.body)).toContain(participantId);
    const recovered = recoverPlaintexts(api.dataDir);
    for (const secret of Object.values(SECRETS)) expect(recovered).toContain(secret);
    expect(existsSync(join(api.dataDir, 'keys', `${participantId}.key`))).toBe(true);
  });

  it('is for directors and admins of the organization only', async () => {
    const before = await head(api);
    for (const token of [world.tokens.therapist, world.tokens.otherTherapist, world.tokens.researcher]) {
      expectProblem(await api.http('DELETE', `/api/v1/participants/${participantId}`, { token }), 403, 'ROLE_NOT_ALLOWED');
    }
    expectProblem(await api.http('DELETE', `/api/v1/participants/${participantId}`, { token: world.tokens.otherOrgDirector }), 404, 'PARTICIPANT_NOT_FOUND');
    expect((await api.http('DELETE', `/api/v1/participants/${participantId}`)).status).toBe(401);
    expect(await head(api)).toBe(before);
  });

  it('erases: a receipt, then nothing under DATA_DIR yields the plaintext, and the participant is gone everywhere', async () => {
    const receipt = await api.http('DELETE', `/api/v1/participants/${participantId}`, { token: world.tokens.director, headers: { 'x-purpose': 'legal' } });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toEqual({ participantId, erasedAt: NOW.toISOString(), keyDestroyed: true, eventIds: [expect.any(String)], revision: expect.any(Number), position: expect.stringMatching(/^\d+$/) });
    const events = await api.store.readStream(`participant-${participantId}`);
    expect(events.at(-1)).toMatchObject({ type: 'ParticipantErased', data: { participantId, programId: world.programId, erasedAt: NOW.toISOString() } });

    expect(existsSync(join(api.dataDir, 'keys', `${participantId}.key`))).toBe(false);
    const recovered = recoverPlaintexts(api.dataDir);
    const raw = allBytes(api.dataDir);
    for (const secret of Object.values(SECRETS)) {
      expect(recovered).not.toContain(secret);
      expect(raw).not.toContain(secret);
    }
    // The other participants' fields still open: the check above is about this key only.
    expect(recovered).toContain('Alex Example');

    const token = world.tokens.director;
    const at = `minPosition=${receipt.body.position}`;
    expectProblem(await api.http('GET', `/api/v1/participants/${participantId}?${at}`, { token }), 404, 'PARTICIPANT_NOT_FOUND');
    const list = await api.http('GET', `/api/v1/participants?${at}`, { token });
    expect(list.body.items.map((p: { participantId: string }) => p.participantId)).not.toContain(participantId);
    const groups = await api.http('GET', `/api/v1/groups?${at}`, { token });
    expect(groups.body.items.find((g: { groupId: string }) => g.groupId === world.groupId).activeMembers).toBe(1);
    // The projector removed their analytics rows (the member table reads the analytics store).
    const members = await api.http('GET', `/api/v1/groups/${world.groupId}/members?${at}`, { token });
    expect(members.status).toBe(200);
    expect(JSON.stringify(members.body)).not.toContain(participantId);
    const alerts = await api.http('GET', `/api/v1/alerts?${at}`, { token });
    expect(JSON.stringify(alerts.body)).not.toContain(participantId);
    expectProblem(await api.http('DELETE', `/api/v1/participants/${participantId}`, { token }), 404, 'PARTICIPANT_NOT_FOUND');
  });

  it('refuses every later write about the erased participant and makes no new key for them', async () => {
    const token = world.tokens.director;
    const before = await head(api);
    const base = `/api/v1/participants/${participantId}`;
    const writes = [
      api.http('POST', `${base}/measures`, { token, body: { instrument: 'PHQ-9', items: phq9(0), administeredOn: TODAY_IN_PROGRAM } }),
      api.http('POST', `${base}/milestones`, { token, body: { type: 'other', label: 'again', achievedOn: TODAY_IN_PROGRAM } }),
      api.http('POST', `${base}/consents`, { token, body: { scope: 'research', status: 'granted', recordedOn: TODAY_IN_PROGRAM } }),
      api.http('POST', `/api/v1/groups/${world.otherGroupId}/members`, { token, body: { participantId, joinedOn: '2026-02-01' } }),
    ];
    for (const result of await Promise.all(writes)) expectProblem(result, 404, 'PARTICIPANT_NOT_FOUND');
    const again = await api.http('POST', '/api/v1/participants', { token, body: { participantId, programId: world.programId, displayName: SECRETS.name, dateOfBirth: SECRETS.dateOfBirth } });
    expectProblem(again, 409, 'PARTICIPANT_ERASED');
    expect(existsSync(join(api.dataDir, 'keys', `${participantId}.key`))).toBe(false);
    expect(await head(api)).toBe(before);
  });

  it('is audited with ids only, and the audit record survives the erasure', async () => {
    const audit = await api.http('GET', `/api/v1/audit?from=${NOW.toISOString().slice(0, 10)}`, { token: world.tokens.admin });
    expect(audit.status).toBe(200);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ actor: 'director-1', role: 'director', action: 'participant.erase', resource: `participants/${participantId}`, purpose: 'legal' }));
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'participant.read', resource: `participants/${participantId}`, purpose: 'treatment' }));
    for (const secret of Object.values(SECRETS)) expect(JSON.stringify(audit.body)).not.toContain(secret);
  });
});
