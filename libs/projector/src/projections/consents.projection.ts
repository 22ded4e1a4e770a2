import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

const SCOPES = ['tpo', 'research', 'recipient'] as const;
const STATUSES = ['granted', 'revoked'] as const;

/** ConsentRecorded → consents, one row per event (a history; latest by version wins). */
export const consentsProjection: Projection = {
  name: 'consents',
  version: 1,
  handles: ['ConsentRecorded'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    return [
      {
        table: tables.consents,
        row: {
          ...envelopeColumns(event),
          program_id: f.text('programId'),
          participant_id: f.text('participantId'),
          scope: f.oneOf('scope', SCOPES),
          status: f.oneOf('status', STATUSES),
          recipient: f.optionalText('recipient'),
          recorded_on: f.day('recordedOn'),
        },
      },
    ];
  },
};
