import { describe, expect, it } from '@jest/globals';
import { encryptedMarkers, sampleLog } from '../testing/index.js';
import { participantTables } from '../tables.js';
import { allProjections } from './index.js';

describe('allProjections over a complete sample log', () => {
  const log = sampleLog();
  const rowsOf = (type: string) => allProjections.filter((p) => p.handles.includes(type)).flatMap((p) => log.filter((e) => e.type === type).flatMap((e) => p.toRows(e)));

  it('handle every event type of the catalogue exactly once', () => {
    const handled = allProjections.flatMap((p) => p.handles);
    expect(new Set(handled).size).toBe(handled.length);
    const catalogue = ['ProgramCreated', 'GroupCreated', 'FacilitatorsChanged', 'GroupClosed', 'MemberJoined', 'MemberLeft', 'SessionScheduled', 'AttendanceRecorded', 'AttendanceCorrected', 'ParticipantRegistered', 'MeasureRecorded', 'MeasureRescored', 'MeasureVoided', 'AlertRaised', 'AlertAcknowledged', 'MilestoneReached', 'ConsentRecorded', 'ParticipantErased'];
    expect([...handled].sort()).toEqual([...catalogue].sort());
  });

  it('never let any part of an encrypted field into a row', () => {
    const text = JSON.stringify([...new Set(log.map((e) => e.type))].flatMap(rowsOf));
    for (const marker of [...encryptedMarkers, 'A256GCM']) expect(text).not.toContain(marker);
  });

  it('give every row org, event_id and version, and a participant_id wherever the table is a participant table', () => {
    const rows = [...new Set(log.map((e) => e.type))].flatMap(rowsOf);
    expect(rows.length).toBeGreaterThan(log.length);
    for (const { table, row } of rows) {
      expect(row).toMatchObject({ org: 'org-1', event_id: expect.any(String), version: expect.stringMatching(/^\d+$/) });
      if (participantTables.includes(table)) expect(row['participant_id']).toEqual(expect.any(String));
    }
  });
});
