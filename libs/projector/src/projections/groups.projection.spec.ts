import { describe, expect, it } from '@jest/globals';
import { PoisonMessage } from '#libs/errors';
import { recorded, sampleLog } from '../testing/index.js';
import { groupsProjection } from './groups.projection.js';

const byType = (type: string) => sampleLog().find((e) => e.type === type)!;

describe('groupsProjection', () => {
  it('writes GroupCreated to groups and its first facilitator set', () => {
    const event = byType('GroupCreated');
    const rows = groupsProjection.toRows(event);
    expect(rows.map((r) => r.table)).toEqual(['groups', 'group_facilitators']);
    expect(rows[0]!.row).toMatchObject({ org: 'org-1', program_id: 'prog-1', group_id: 'group-1', name: 'Tuesday', starts_on: '2026-03-03' });
    expect(rows[1]!.row).toMatchObject({ group_id: 'group-1', facilitator_ids: ['therapist-1'], event_id: event.eventId, version: event.position.toString() });
  });

  it('keeps each facilitator change as its own row (keyed by event id)', () => {
    const event = byType('FacilitatorsChanged');
    expect(groupsProjection.toRows(event)).toEqual([
      {
        table: 'group_facilitators',
        row: expect.objectContaining({ facilitator_ids: ['therapist-1', 'therapist-2'], event_id: event.eventId, changed_at: '2026-03-02T09:30:00.000Z' }),
      },
    ]);
  });

  it('writes GroupClosed to group_closures', () => {
    expect(groupsProjection.toRows(byType('GroupClosed'))).toEqual([{ table: 'group_closures', row: expect.objectContaining({ group_id: 'group-1', closed_on: '2026-06-30' }) }]);
  });

  it('rejects an impossible calendar date as poison', () => {
    const event = recorded('GroupClosed', { groupId: 'g', programId: 'p', closedOn: '2026-02-30' }, 5);
    expect(() => groupsProjection.toRows(event)).toThrow(PoisonMessage);
  });
});
