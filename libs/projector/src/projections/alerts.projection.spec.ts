import { describe, expect, it } from '@jest/globals';
import { sampleLog } from '../testing/index.js';
import { alertsProjection } from './alerts.projection.js';

const byType = (type: string) => sampleLog().find((e) => e.type === type)!;

describe('alertsProjection', () => {
  it('writes a raised alert with its instant in UTC', () => {
    expect(alertsProjection.toRows(byType('AlertRaised'))).toEqual([
      {
        table: 'alerts',
        row: expect.objectContaining({ alert_id: 'alert-1', participant_id: 'part-alice', group_id: 'group-1', alert_type: 'critical_item', severity: 'high', measure_id: 'measure-a1', raised_at: '2026-03-03T18:00:00.000Z' }),
      },
    ]);
  });

  it('writes an acknowledgement without the encrypted note', () => {
    const rows = alertsProjection.toRows(byType('AlertAcknowledged'));
    expect(rows).toEqual([{ table: 'alert_acks', row: expect.objectContaining({ alert_id: 'alert-1', acknowledged_at: '2026-03-03T18:00:00.000Z' }) }]);
    expect(JSON.stringify(rows)).not.toContain('note-alice');
  });
});
