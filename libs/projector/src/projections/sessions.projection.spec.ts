import { describe, expect, it } from '@jest/globals';
import { PoisonMessage } from '#libs/errors';
import { recorded, sampleLog } from '../testing/index.js';
import { sessionsProjection } from './sessions.projection.js';

describe('sessionsProjection', () => {
  it('writes SessionScheduled with its date and optional duration', () => {
    const [first, second] = sampleLog().filter((e) => e.type === 'SessionScheduled');
    expect(sessionsProjection.toRows(first!)[0]!.row).toMatchObject({ session_id: 'session-1', session_date: '2026-03-03', duration_minutes: 90 });
    expect(sessionsProjection.toRows(second!)).toEqual([{ table: 'sessions', row: expect.objectContaining({ session_id: 'session-2', duration_minutes: null }) }]);
  });

  it('rejects a duration the UInt16 column cannot hold, and a date before 1970, as poison', () => {
    const base = { groupId: 'g', programId: 'p', sessionId: 's', date: '2026-03-03', durationMinutes: 90 };
    expect(() => sessionsProjection.toRows(recorded('SessionScheduled', { ...base, durationMinutes: 90.5 }, 1))).toThrow(PoisonMessage);
    expect(() => sessionsProjection.toRows(recorded('SessionScheduled', { ...base, durationMinutes: -1 }, 1))).toThrow(PoisonMessage);
    expect(() => sessionsProjection.toRows(recorded('SessionScheduled', { ...base, date: '1969-12-31' }, 1))).toThrow(PoisonMessage);
  });
});
