import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PART2_NOTICE } from '#libs/exports';
import { type ApiHarness, head, startApi } from '../testing/index.js';

const v1 = '/api/v1';
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('research exports over HTTP', () => {
  let api: ApiHarness;
  let director: string;
  let researcher: string;
  let programId: string;
  let included: string[];
  let revoked: string;
  let names: string[];

  const at = async () => `minPosition=${await head(api)}`;
  async function ok(method: string, path: string, token: string, body?: unknown) {
    const answer = await api.http(method, path, { token, body });
    if (answer.status >= 300) throw new Error(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  async function download(exportId: string, name: string): Promise<Buffer> {
    const response = await fetch(`${api.baseUrl}${v1}/exports/${exportId}/files/${name}`, { headers: { authorization: `Bearer ${researcher}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }
  async function finished(exportId: string) {
    const view = await api.http('GET', `${v1}/exports/${exportId}?${await at()}`, { token: researcher });
    expect(view.status).toBe(200);
    return view.body;
  }

  beforeAll(async () => {
    api = await startApi();
    director = await api.token('director', 'director-1');
    researcher = await api.token('researcher', 'researcher-1');
    programId = (await ok('POST', `${v1}/programs`, director, { name: 'Recovery program', part2: true, timeZone: 'UTC' })).programId;
    const groupId = (await ok('POST', `${v1}/groups`, director, { programId, name: 'Monday', facilitatorIds: ['therapist-1'], startsOn: '2026-01-05' })).groupId;
    const person = async (i: number, consent: 'granted' | 'revoked' | 'none') => {
      const displayName = `Person Zyxwv${String.fromCharCode(97 + i)}`;
      const id = (await ok('POST', `${v1}/participants`, director, { programId, displayName, dateOfBirth: '1990-03-15', gender: 'female', externalRef: `MRN-77${i}` })).participantId as string;
      await ok('POST', `${v1}/groups/${groupId}/members`, director, { participantId: id, joinedOn: '2026-01-12' });
      if (consent !== 'none') await ok('POST', `${v1}/participants/${id}/consents`, director, { scope: 'research', status: 'granted', recordedOn: '2026-01-12' });
      if (consent === 'revoked') await ok('POST', `${v1}/participants/${id}/consents`, director, { scope: 'research', status: 'revoked', recordedOn: '2026-02-01' });
      await ok('POST', `${v1}/participants/${id}/measures`, director, { instrument: 'GAD-7', items: [1, 2, 1, 2, 1, 2, 1], administeredOn: '2026-01-19' });
      return { id, displayName };
    };
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await person(i, 'granted'));
    const gone = await person(12, 'revoked');
    const never = await person(13, 'none');
    included = people.map((p) => p.id);
    revoked = gone.id;
    names = [...people, gone, never].map((p) => p.displayName);
  }, 120_000);
  afterAll(async () => api.close());

  it('builds a de-identified, verified export with the Part 2 notice, files downloadable as listed', async () => {
    const accepted = await api.http('POST', `${v1}/exports`, { token: researcher, body: { programId, instruments: ['GAD-7'] } });
    expect(accepted.status).toBe(202);
    const view = await finished(accepted.body.exportId);
    expect(view).toMatchObject({ exportId: accepted.body.exportId, status: 'done', progress: 1, manifest: { participants: 12, k: 11, policyVersion: 'deid-1', rowsSuppressed: 0, notice: PART2_NOTICE, erasures: [] } });
    const listed = view.manifest.files.map((f: { name: string }) => f.name);
    expect(listed).toEqual(expect.arrayContaining(['participants.csv', 'participants.parquet', 'measures.csv', 'measures.parquet', 'dictionary.json', 'dictionary.csv', 'NOTICE.txt', 'aggregate_status.csv']));
    const everything: string[] = [];
    for (const file of view.manifest.files as { name: string; sha256: string; rows: number }[]) {
      const bytes = await download(accepted.body.exportId, file.name);
      expect({ name: file.name, sha256: sha(bytes) }).toEqual({ name: file.name, sha256: file.sha256 });
      if (!file.name.endsWith('.parquet')) everything.push(bytes.toString('utf8'));
    }
    const participants = (await download(accepted.body.exportId, 'participants.csv')).toString().split('\n');
    expect(participants[0]).toBe(`# ${PART2_NOTICE}`);
    expect(participants.slice(2).filter(Boolean)).toHaveLength(12);
    const text = everything.join('\n');
    for (const secret of [...included, revoked, ...names, '1990-03-15', 'MRN-77', 'Zyxwv']) expect(text).not.toContain(secret);
    expect((await download(accepted.body.exportId, 'manifest.json')).toString()).not.toContain('exportId');
  });

  it('gives byte-identical files for the same request (stored surrogates, no timestamps)', async () => {
    const first = await finished((await ok('POST', `${v1}/exports`, researcher, { programId })).exportId);
    const second = await finished((await ok('POST', `${v1}/exports`, researcher, { programId })).exportId);
    expect(second.manifest.files).toEqual(first.manifest.files);
  });

  it('refuses what it must, writing nothing', async () => {
    const before = await head(api);
    const therapist = await api.token('therapist', 'therapist-1');
    const otherOrg = await api.token('director', 'director-9', 'org-b');
    expect((await api.http('POST', `${v1}/exports`, { token: researcher, body: { programId, k: 5 } })).status).toBe(400);
    expect((await api.http('POST', `${v1}/exports`, { token: researcher, body: { programId, from: '2026-03-01', to: '2026-01-01' } })).status).toBe(400);
    expect((await api.http('POST', `${v1}/exports`, { token: researcher, body: { programId, note: 'free text' } })).status).toBe(400);
    expect((await api.http('POST', `${v1}/exports`, { token: therapist, body: { programId } })).status).toBe(403);
    expect((await api.http('POST', `${v1}/exports`, { token: otherOrg, body: { programId } })).status).toBe(404);
    expect((await api.http('GET', `${v1}/exports/00000000-0000-4000-8000-000000000000`, { token: researcher })).status).toBe(404);
    expect(await head(api)).toBe(before);
  });

  it('lists every export in the accounting of disclosures and the audit trail, per person too', async () => {
    const exportId = (await ok('POST', `${v1}/exports`, researcher, { programId })).exportId;
    await finished(exportId);
    const all = await api.http('GET', `${v1}/disclosures?${await at()}`, { token: director });
    expect(all.status).toBe(200);
    expect(all.body.items.find((d: { disclosureId: string }) => d.disclosureId === exportId)).toMatchObject({ type: 'research-export', recipient: { userId: 'researcher-1', role: 'researcher' }, purpose: 'research', programId, part2: true, participants: 12 });
    const mine = await api.http('GET', `${v1}/disclosures?participantId=${included[0]}`, { token: director });
    expect(mine.body.items.map((d: { disclosureId: string }) => d.disclosureId)).toContain(exportId);
    expect((await api.http('GET', `${v1}/disclosures?participantId=${revoked}`, { token: director })).body.items).toEqual([]);
    expect((await api.http('GET', `${v1}/disclosures`, { token: researcher })).status).toBe(403);
    const audit = await api.http('GET', `${v1}/audit`, { token: director });
    const record = audit.body.items.find((i: { resource: string }) => i.resource === `exports/${exportId}`);
    expect(record).toMatchObject({ action: 'export.create', actor: 'researcher-1', purpose: 'research' });
    expect([...record.subjects].sort()).toEqual([...included].sort());
  });

  it('records a fault as ExportFailed, publishes nothing, and lists nothing as disclosed', async () => {
    // A file where the exports directory should be: every write of the job fails.
    const blocker = join(api.dataDir, 'exports');
    const hadDirectory = existsSync(blocker);
    if (hadDirectory) rmSync(blocker, { recursive: true, force: true });
    writeFileSync(blocker, 'not a directory');
    try {
      const exportId = (await ok('POST', `${v1}/exports`, researcher, { programId })).exportId;
      const view = await finished(exportId);
      expect(view).toMatchObject({ exportId, status: 'failed', progress: 0, reason: expect.stringContaining('server fault') });
      expect(view.reason).not.toContain(api.dataDir);
      expect(view.manifest).toBeUndefined();
      expect((await api.http('GET', `${v1}/exports/${exportId}/files/manifest.json`, { token: researcher })).status).toBe(404);
      expect((await api.http('GET', `${v1}/disclosures`, { token: director })).body.items.map((d: { disclosureId: string }) => d.disclosureId)).not.toContain(exportId);
      const failed = (await api.store.readStream(`export-${exportId}`)).map((e) => e.type);
      expect(failed).toEqual(['ExportRequested', 'ExportFailed']);
    } finally {
      rmSync(blocker, { force: true });
    }
  });

  it('reports a request whose job was lost (a restart) as failed, interrupted', async () => {
    const exportId = randomUUID();
    const at = new Date().toISOString();
    const request = { programId, from: null, to: null, instruments: [], k: 11 };
    await api.store.append(`export-${exportId}`, [{ eventId: randomUUID(), type: 'ExportRequested', schemaVersion: 1, data: { exportId, request, part2: true, requestedAt: at, requestedBy: 'researcher-1', role: 'researcher' }, metadata: { org: 'org-a', actor: { userId: 'researcher-1', role: 'researcher' }, occurredAt: at, recordedAt: at, correlationId: exportId, causationId: null } }], 'no_stream');
    expect(await finished(exportId)).toMatchObject({ exportId, status: 'failed', reason: expect.stringContaining('Interrupted') });
  });

  it('marks the exports that held a participant who is erased later, and leaves them out of new ones', async () => {
    const exportId = (await ok('POST', `${v1}/exports`, researcher, { programId })).exportId;
    const before = await finished(exportId);
    const surrogates = new Set((await download(exportId, 'participants.csv')).toString().split('\n').slice(2).filter(Boolean).map((line) => line.split(',')[0]));
    expect((await api.http('DELETE', `${v1}/participants/${included[0]}`, { token: director })).status).toBe(200);
    let erasures: { surrogateId: string }[] = [];
    for (let i = 0; i < 50 && erasures.length === 0; i++) {
      erasures = (await finished(exportId)).manifest.erasures;
      if (erasures.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(erasures).toHaveLength(1);
    expect(surrogates.has(erasures[0]!.surrogateId)).toBe(true);
    expect((await finished(exportId)).manifest.files).toEqual(before.manifest.files);
    const after = await finished((await ok('POST', `${v1}/exports`, researcher, { programId })).exportId);
    expect(after.manifest.participants).toBe(11);
    expect((await download(after.exportId, 'participants.csv')).toString()).not.toContain(erasures[0]!.surrogateId);
  });
});
