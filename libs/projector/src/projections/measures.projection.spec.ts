import { describe, expect, it } from '@jest/globals';
import { PoisonMessage } from '#libs/errors';
import { recorded, sampleLog } from '../testing/index.js';
import { measuresProjection } from './measures.projection.js';

const byType = (type: string) => sampleLog().find((e) => e.type === type)!;

describe('measuresProjection', () => {
  it('writes a recorded measure with raw items and its score, and the score fact', () => {
    const event = byType('MeasureRecorded');
    const rows = measuresProjection.toRows(event);
    expect(rows.map((r) => r.table)).toEqual(['measures', 'measure_scores']);
    expect(rows[0]!.row).toEqual({
      org: 'org-1',
      event_id: event.eventId,
      version: event.position.toString(),
      program_id: 'prog-1',
      participant_id: 'part-alice',
      measure_id: 'measure-a1',
      instrument: 'PHQ-9',
      instrument_version: 1,
      total: 15,
      metric: null,
      subscales: {},
      band: 'moderate',
      caseness: 1,
      valid: 1,
      group_id: 'group-1',
      session_id: 'session-1',
      items: [2, 2, 2, 2, 2, 2, 1, 1, 1],
      administered_on: '2026-03-03',
      recorded_at: '2026-03-02T09:30:00.000Z',
    });
    expect(rows[1]!.row).toMatchObject({ measure_id: 'measure-a1', instrument_version: 1, total: 15, scored_at: '2026-03-02T09:30:00.000Z' });
  });

  it('keeps GCQ-S subscales, a null total and missing items', () => {
    const event = recorded('MeasureRecorded', {
      measureId: 'm', participantId: 'p', programId: 'prog', groupId: null, sessionId: null, instrument: 'GCQ-S', instrumentVersion: 1,
      items: [3, null, 4, 5, 1, 0, 2, 6, 1, 3, 4, 2], administeredOn: '2026-03-03',
      score: { total: null, subscales: { engagement: 4.2, avoidance: 2.5, conflict: null }, valid: true },
    }, 7);
    expect(measuresProjection.toRows(event)[0]!.row).toMatchObject({ total: null, subscales: { engagement: 4.2, avoidance: 2.5, conflict: null }, caseness: null, band: null, items: [3, null, 4, 5, 1, 0, 2, 6, 1, 3, 4, 2], group_id: null });
  });

  it('writes a rescoring as a new score fact under its instrument version', () => {
    expect(measuresProjection.toRows(byType('MeasureRescored'))).toEqual([
      { table: 'measure_scores', row: expect.objectContaining({ measure_id: 'measure-a1', instrument_version: 2, total: 15, band: 'moderately severe' }) },
    ]);
  });

  it('writes a void as when, never the encrypted reason', () => {
    const rows = measuresProjection.toRows(byType('MeasureVoided'));
    expect(rows).toEqual([{ table: 'measure_voids', row: expect.objectContaining({ measure_id: 'measure-a2', voided_at: '2026-03-02T09:30:00.000Z' }) }]);
    expect(JSON.stringify(rows)).not.toContain('void-alice');
  });

  it('rejects a non-numeric item as poison', () => {
    const event = { ...byType('MeasureRecorded') };
    const bad = { ...event, data: { ...(event.data as object), items: [1, 'two'] } };
    expect(() => measuresProjection.toRows(bad)).toThrow(PoisonMessage);
  });
});
