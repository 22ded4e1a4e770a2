import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

const TYPES = [
  'abstinent_30_days',
  'abstinent_90_days',
  'abstinent_180_days',
  'abstinent_365_days',
  'goal_achieved',
  'program_completed',
  'returned_to_work_or_study',
  'relapse_reported',
  'other',
] as const;

/** MilestoneReached → milestones: type, date, value. The label (free text) stays encrypted. */
export const milestonesProjection: Projection = {
  name: 'milestones',
  version: 1,
  handles: ['MilestoneReached'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    return [
      {
        table: tables.milestones,
        row: {
          ...envelopeColumns(event),
          program_id: f.text('programId'),
          participant_id: f.text('participantId'),
          milestone_id: f.text('milestoneId'),
          milestone_type: f.oneOf('milestoneType', TYPES),
          achieved_on: f.day('achievedOn'),
          value: f.optionalNumber('value'),
        },
      },
    ];
  },
};
