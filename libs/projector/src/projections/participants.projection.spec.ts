import { describe, expect, it } from '@jest/globals';
import { sampleLog } from '../testing/index.js';
import { participantsProjection } from './participants.projection.js';

describe('participantsProjection', () => {
  it('projects only the pseudonymous id and coarse attributes, never the encrypted identifiers', () => {
    const event = sampleLog().find((e) => e.type === 'ParticipantRegistered')!;
    const rows = participantsProjection.toRows(event);
    expect(rows).toEqual([
      {
        table: 'participants',
        row: {
          org: 'org-1',
          event_id: event.eventId,
          version: event.position.toString(),
          program_id: 'prog-1',
          participant_id: 'part-alice',
          age_band: '25-34',
          gender: 'female',
          registered_on: '2026-03-01',
        },
      },
    ]);
    const text = JSON.stringify(rows);
    for (const marker of ['name-alice', 'dob-alice', 'ref-alice', 'A256GCM']) expect(text).not.toContain(marker);
  });

  it('records an erasure in participant_erasures (the Projector deletes the rest)', () => {
    const event = sampleLog()[0]!;
    const erased = { ...event, type: 'ParticipantErased', data: { participantId: 'part-bob', programId: 'prog-1', erasedAt: '2026-05-01T10:00:00+02:00' } };
    expect(participantsProjection.toRows(erased)).toEqual([
      { table: 'participant_erasures', row: expect.objectContaining({ participant_id: 'part-bob', erased_at: '2026-05-01T08:00:00.000Z' }) },
    ]);
  });
});
