import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

const GENDERS = ['female', 'male', 'nonbinary', 'other', 'unknown'] as const;

/**
 * ParticipantRegistered → participants: the pseudonymous id and coarse attributes only
 * (PRIVACY.md). displayName, dateOfBirth and externalRef are never read here.
 * ParticipantErased → participant_erasures; deleting the participant's other rows is the
 * Projector's job (a projection cannot know which rows exist).
 */
export const participantsProjection: Projection = {
  name: 'participants',
  version: 1,
  handles: ['ParticipantRegistered', 'ParticipantErased'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    const base = { ...envelopeColumns(event), program_id: f.text('programId'), participant_id: f.text('participantId') };
    if (event.type === 'ParticipantErased') {
      return [{ table: tables.participantErasures, row: { ...base, erased_at: f.instant('erasedAt') } }];
    }
    return [
      {
        table: tables.participants,
        row: { ...base, age_band: f.text('ageBand'), gender: f.oneOf('gender', GENDERS), registered_on: f.day('registeredOn') },
      },
    ];
  },
};
