import { describe, expect, it } from '@jest/globals';
import type { EncryptedField } from '#libs/events';
import { type ParticipantEntry, ParticipantTable } from './participant-table.js';

const field = (ct: string, keyId: string): EncryptedField => ({ alg: 'A256GCM', keyId, iv: 'aXY=', tag: 'dGFn', ct });

const entry = (participantId: string, over: Partial<ParticipantEntry> = {}): ParticipantEntry => ({
  org: 'org-a',
  participantId,
  programId: 'program-1',
  displayName: field(`name-${participantId}`, participantId),
  dateOfBirth: field('ZG9i', participantId),
  externalRef: null,
  gender: 'female',
  ageBand: '30-39',
  registeredOn: '2026-01-05',
  ...over,
});

describe('ParticipantTable', () => {
  it('gives back each entry as set, in registration order, and skips the deleted', () => {
    const table = new ParticipantTable();
    const entries = [
      entry('p-1'),
      entry('p-2', { org: 'org-b', programId: 'program-2', gender: 'male', ageBand: '50-59', registeredOn: '2026-02-01', externalRef: field('cmVm', 'another-key') }),
      entry('p-3'),
    ];
    for (const e of entries) table.set(e);
    expect(table.size).toBe(3);
    expect([...table.values()]).toEqual(entries);
    expect(table.get('p-2')).toEqual(entries[1]);
    expect(table.compact('p-3')).toMatchObject({ participantId: 'p-3', org: 'org-a', programId: 'program-1', registeredOn: '2026-01-05' });

    expect(table.delete('p-2')).toBe(true);
    expect(table.delete('p-2')).toBe(false);
    expect([table.size, table.has('p-2'), table.get('p-2')]).toEqual([2, false, undefined]);
    expect([...table.keys()]).toEqual(['p-1', 'p-3']);
    table.set(entries[1]!);
    expect([...table.keys()]).toEqual(['p-1', 'p-3', 'p-2']);
  });

  it('sharedId answers a registered id (its own copy: strings compare by value, so only the value is checked) and an unknown id as given', () => {
    const table = new ParticipantTable();
    table.set(entry('p-9'));
    expect(table.sharedId(['p-', '9'].join(''))).toBe('p-9');
    expect(table.sharedId('unknown')).toBe('unknown');
  });
});
