import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

function facilitatorIds(f: Fields): string[] {
  return f.array('facilitatorIds').map((id, i) => {
    if (typeof id !== 'string' || id.length === 0) f.fail(`facilitatorIds/${i}`, 'is not a non-empty string');
    return id;
  });
}

/** GroupCreated → groups + group_facilitators; FacilitatorsChanged → group_facilitators; GroupClosed → group_closures. */
export const groupsProjection: Projection = {
  name: 'groups',
  version: 1,
  handles: ['GroupCreated', 'FacilitatorsChanged', 'GroupClosed'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    const base = { ...envelopeColumns(event), program_id: f.text('programId'), group_id: f.text('groupId') };
    switch (event.type) {
      case 'GroupCreated':
        return [
          { table: tables.groups, row: { ...base, name: f.text('name'), starts_on: f.day('startsOn'), created_at: f.occurredAt() } },
          { table: tables.groupFacilitators, row: { ...base, facilitator_ids: facilitatorIds(f), changed_at: f.occurredAt() } },
        ];
      case 'FacilitatorsChanged':
        return [{ table: tables.groupFacilitators, row: { ...base, facilitator_ids: facilitatorIds(f), changed_at: f.occurredAt() } }];
      case 'GroupClosed':
        return [{ table: tables.groupClosures, row: { ...base, closed_on: f.day('closedOn') } }];
      default:
        return [];
    }
  },
};
