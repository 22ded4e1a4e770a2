import { describe, expect, it } from '@jest/globals';
import { sampleLog } from '../testing/index.js';
import { sessionsProjection } from './sessions.projection.js';

describe('sessionsProjection', () => {
  it('writes SessionScheduled with its date and optional duration', () => {
    const [first, second] = sampleLog().filter((e) => e.type === 'SessionScheduled');
    expect(sessionsProjection.toRows(first!)[0]!.row).toMatchObject({ session_id: 'session-1', session_date: '2026-03-03', duration_minutes: 90 });
    expect(sessionsProjection.toRows(second!)).toEqual([{ table: 'sessions', row: expect.objectContaining({ session_id: 'session-2', duration_minutes: null }) }]);
  });
});
