import { describe, expect, it } from '@jest/globals';
import { PoisonMessage } from '#libs/errors';
import { recorded, sampleLog } from '../testing/index.js';
import { attendanceProjection } from './attendance.projection.js';

describe('attendanceProjection', () => {
  it('writes one row per listed participant', () => {
    const event = sampleLog().find((e) => e.type === 'AttendanceRecorded')!;
    expect(attendanceProjection.toRows(event).map((r) => [r.table, r.row['participant_id'], r.row['status'], r.row['corrected']])).toEqual([
      ['attendance', 'part-alice', 'present', 0],
      ['attendance', 'part-bob', 'absent', 0],
    ]);
  });

  it('writes a correction only for the participants it lists, flagged as corrected', () => {
    const event = sampleLog().find((e) => e.type === 'AttendanceCorrected')!;
    const rows = attendanceProjection.toRows(event);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).toMatchObject({ session_id: 'session-1', session_date: '2026-03-03', participant_id: 'part-bob', status: 'excused', corrected: 1, version: event.position.toString() });
  });

  it('rejects an unknown status as poison', () => {
    const event = recorded('AttendanceRecorded', { groupId: 'g', programId: 'p', sessionId: 's', date: '2026-03-03', records: [{ participantId: 'x', status: 'asleep' }] }, 9);
    expect(() => attendanceProjection.toRows(event)).toThrow(PoisonMessage);
  });
});
