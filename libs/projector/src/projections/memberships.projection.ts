import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

const REASONS = ['completed', 'dropped_out', 'transferred', 'other'] as const;

/**
 * MemberJoined / MemberLeft → memberships, one row per episode keyed by joined_on. MemberLeft
 * carries joinedOn, so it rewrites the whole row; its higher version wins.
 */
export const membershipsProjection: Projection = {
  name: 'memberships',
  version: 1,
  handles: ['MemberJoined', 'MemberLeft'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    const left = event.type === 'MemberLeft';
    return [
      {
        table: tables.memberships,
        row: {
          ...envelopeColumns(event),
          program_id: f.text('programId'),
          group_id: f.text('groupId'),
          participant_id: f.text('participantId'),
          joined_on: f.day('joinedOn'),
          left_on: left ? f.day('leftOn') : null,
          leave_reason: left ? f.oneOf('reason', REASONS) : null,
        },
      },
    ];
  },
};
