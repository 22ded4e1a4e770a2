import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

const STATUSES = ['present', 'late', 'absent', 'excused'] as const;

/**
 * AttendanceRecorded / AttendanceCorrected → attendance, one row per (session, participant).
 * A correction lists only the participants it changes; their rows get a higher version and
 * replace the earlier status, the others stand.
 */
export const attendanceProjection: Projection = {
  name: 'attendance',
  version: 1,
  handles: ['AttendanceRecorded', 'AttendanceCorrected'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    const base = {
      ...envelopeColumns(event),
      program_id: f.text('programId'),
      group_id: f.text('groupId'),
      session_id: f.text('sessionId'),
      session_date: f.day('date'),
      corrected: event.type === 'AttendanceCorrected' ? 1 : 0,
      recorded_at: f.occurredAt(),
    };
    return f.array('records').map((value, i) => {
      const record = f.nested(value, `records/${i}`);
      return {
        table: tables.attendance,
        row: { ...base, participant_id: record.text('participantId'), status: record.oneOf('status', STATUSES) },
      };
    });
  },
};
