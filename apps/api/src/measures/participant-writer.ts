import { Injectable } from '@nestjs/common';
import { streams } from '#libs/events';
import { CLINICAL_WRITERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { type Appended, StreamExecutor } from '../commands/stream-executor.js';
import { participantDecider, type ParticipantCommand, requireNotErased } from '../participants/participant.decider.js';
import type { ExistingParticipant, ParticipantState } from '../participants/participant.state.js';
import { type ExistingProgram, ProgramCalendar } from '../programs/program-calendar.js';
import { ParticipantAccess } from './participant-access.js';

/**
 * The common path of every clinical write to a participant (measures, voids, milestones,
 * consents, acknowledgements): role gate (researchers 403), load the participant (404 when
 * unknown, erased or of another organization), scope (a therapist outside their groups 403),
 * today's date in the program's time zone, decide and append with the expected revision.
 */
@Injectable()
export class ParticipantWriter {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly calendar: ProgramCalendar,
    private readonly access: ParticipantAccess,
  ) {}

  async write(
    participantId: string,
    context: CommandContext,
    action: string,
    build: (participant: ExistingParticipant, today: string, program: ExistingProgram) => ParticipantCommand | Promise<ParticipantCommand>,
  ): Promise<Appended<ParticipantState> & { participant: ExistingParticipant }> {
    requireRole(context.principal, CLINICAL_WRITERS, action);
    const stream = streams.participant(participantId);
    const loaded = await this.executor.load(stream, participantDecider, context.principal.org);
    requireNotErased(loaded.state, participantId);
    await this.access.requireInScope(context.principal, participantId, action);
    const program = await this.calendar.load(loaded.state.programId, context.principal.org);
    const command = await build(loaded.state, this.calendar.latestAllowedDate(program), program);
    const appended = await this.executor.execute(stream, participantDecider, command, context, { mustExist: { what: 'participant', id: participantId } });
    return { ...appended, participant: appended.state as ExistingParticipant };
  }
}
