import { Conflict, NotFound } from '#libs/errors';
import type { ParticipantEvent, ParticipantRegistered } from '#libs/events';
import type { Decider } from '../commands/decider.js';
import { assertNotInFuture } from '../shared/dates.js';
import { evolveParticipant, type ParticipantState } from './participant.state.js';

export type ParticipantCommand = { kind: 'RegisterParticipant'; data: ParticipantRegistered['data']; dateOfBirth: string; today: string };

/**
 * Registration and the participant's own facts. Measures, milestones, consents and alerts
 * join this decider with the instruments issue; erasure with the security issue.
 */
export const participantDecider: Decider<ParticipantCommand, ParticipantState, ParticipantEvent> = {
  initialState: { exists: false },
  evolve: evolveParticipant,
  decide(command, state) {
    switch (command.kind) {
      case 'RegisterParticipant':
        if (state.exists) throw new Conflict('ID_TAKEN', `Participant ${command.data.participantId} already exists.`);
        assertNotInFuture('dateOfBirth', command.dateOfBirth, command.today);
        return [{ type: 'ParticipantRegistered', data: command.data }];
    }
  },
};

export function requireNotErased(state: ParticipantState, participantId: string): asserts state is Extract<ParticipantState, { exists: true }> {
  if (!state.exists || state.erased) throw new NotFound('participant', participantId, 'PARTICIPANT_NOT_FOUND');
}
