import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

const SEVERITIES = ['high', 'medium', 'low'] as const;

/** AlertRaised → alerts; AlertAcknowledged → alert_acks (the note stays encrypted). */
export const alertsProjection: Projection = {
  name: 'alerts',
  version: 1,
  handles: ['AlertRaised', 'AlertAcknowledged'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    const base = {
      ...envelopeColumns(event),
      program_id: f.text('programId'),
      participant_id: f.text('participantId'),
      alert_id: f.text('alertId'),
    };
    if (event.type === 'AlertAcknowledged') {
      return [{ table: tables.alertAcks, row: { ...base, acknowledged_at: f.instant('acknowledgedAt') } }];
    }
    return [
      {
        table: tables.alerts,
        row: {
          ...base,
          group_id: f.optionalText('groupId'),
          alert_type: f.text('alertType'),
          severity: f.oneOf('severity', SEVERITIES),
          message: f.text('message'),
          measure_id: f.optionalText('measureId'),
          raised_at: f.instant('raisedAt'),
        },
      },
    ];
  },
};
