import { describe, expect, it } from '@jest/globals';
import { sampleLog } from '../testing/index.js';
import { membershipsProjection } from './memberships.projection.js';

describe('membershipsProjection', () => {
  it('writes a join as an open episode and the leave as the same key with a higher version', () => {
    const log = sampleLog();
    const joined = log.find((e) => e.type === 'MemberJoined' && (e.data as { participantId: string }).participantId === 'part-bob')!;
    const left = log.find((e) => e.type === 'MemberLeft')!;
    const [joinRow] = membershipsProjection.toRows(joined);
    const [leaveRow] = membershipsProjection.toRows(left);
    const key = (row: Readonly<Record<string, unknown>>) => [row['org'], row['program_id'], row['group_id'], row['participant_id'], row['joined_on']];
    expect(key(leaveRow!.row)).toEqual(key(joinRow!.row));
    expect(joinRow!.row).toMatchObject({ joined_on: '2026-03-03', left_on: null, leave_reason: null });
    expect(leaveRow!.row).toMatchObject({ joined_on: '2026-03-03', left_on: '2026-03-20', leave_reason: 'dropped_out' });
    expect(BigInt(leaveRow!.row['version'] as string)).toBeGreaterThan(BigInt(joinRow!.row['version'] as string));
  });
});
