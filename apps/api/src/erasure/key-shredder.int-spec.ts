import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '#libs/events';
import { FixedClock } from '#libs/system';
import { closeApiApp } from '../bootstrap.js';
import { created, NOW, setUpClinicalWorld } from '../measures/testing/clinical-fixtures.js';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { KeyShredder } from './key-shredder.js';

describe('a crash between the erasure event and the key destruction', () => {
  let restarted: ApiHarness | undefined;
  afterAll(async () => restarted?.close());

  it('is repaired at the next start: the leftover key of an erased participant is destroyed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'api-shred-'));
    const first = await startApi({}, { clock: new FixedClock(NOW) }, dataDir);
    const world = await setUpClinicalWorld(first);
    const kept = world.participantId;
    const erased = (await created(first.http('POST', '/api/v1/participants', { token: world.tokens.director, body: { programId: world.programId, displayName: 'Crash Test', dateOfBirth: '1980-01-01' } }))).participantId;
    // What EraseParticipantHandler appends before destroying the key; the "crash" comes right after.
    const at = NOW.toISOString();
    await first.store.append(
      `participant-${erased}`,
      [{ eventId: randomUUID(), type: 'ParticipantErased', schemaVersion: SCHEMA_VERSION, data: { participantId: erased, programId: world.programId, erasedAt: at }, metadata: { org: 'org-a', actor: { userId: 'director-1', role: 'director' }, occurredAt: at, recordedAt: at, correlationId: randomUUID(), causationId: null } }],
      'any',
    );
    const keyFile = (id: string) => join(dataDir, 'keys', `${id}.key`);
    expect(existsSync(keyFile(erased))).toBe(true);
    await closeApiApp(first.app);

    restarted = await startApi({}, { clock: new FixedClock(NOW) }, dataDir);
    expect(await restarted.app.get(KeyShredder).swept()).toBe(1);
    expect(existsSync(keyFile(erased))).toBe(false);
    expect(existsSync(keyFile(kept))).toBe(true);
    const read = await restarted.http('GET', `/api/v1/participants/${erased}`, { token: await restarted.token('director', 'director-1') });
    expect(read.status).toBe(404);
  });
});
