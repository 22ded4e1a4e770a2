import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

/** SessionScheduled → sessions. */
export const sessionsProjection: Projection = {
  name: 'sessions',
  version: 1,
  handles: ['SessionScheduled'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    return [
      {
        table: tables.sessions,
        row: {
          ...envelopeColumns(event),
          program_id: f.text('programId'),
          group_id: f.text('groupId'),
          session_id: f.text('sessionId'),
          session_date: f.day('date'),
          duration_minutes: f.optionalCount('durationMinutes', 65535),
        },
      },
    ];
  },
};
