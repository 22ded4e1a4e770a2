import { Injectable } from '@nestjs/common';
import { Forbidden, NotFound } from '#libs/errors';
import type { Principal } from '#libs/jwt';
import { Directory, type GroupEntry, type ProgramEntry } from '../directory/directory.js';

export interface QueryScope {
  readonly org: string;
  /** Present for a therapist: only these groups' rows count. */
  readonly groupIds?: string[];
}

/**
 * Who may see which analytics (PRIVACY.md "Access"): directors and admins the whole
 * organization; therapists the groups they facilitate; researchers aggregate views only,
 * with small cells suppressed (small-cells.ts). The organization is in every query.
 */
@Injectable()
export class AnalyticsScope {
  constructor(private readonly directory: Directory) {}

  of(principal: Principal): QueryScope {
    if (principal.role !== 'therapist') return { org: principal.org };
    const groupIds = [...this.directory.groups.values()].filter((g) => g.org === principal.org && g.facilitatorIds.includes(principal.sub)).map((g) => g.groupId);
    return { org: principal.org, groupIds };
  }

  program(principal: Principal, programId: string): ProgramEntry {
    const program = this.directory.programs.get(programId);
    if (!program || program.org !== principal.org) throw new NotFound('program', programId, 'PROGRAM_NOT_FOUND');
    return program;
  }

  /** A group view: 404 outside the organization, 403 for a therapist who does not facilitate it or a researcher. */
  group(principal: Principal, groupId: string): GroupEntry {
    const group = this.directory.groups.get(groupId);
    if (!group || group.org !== principal.org) throw new NotFound('group', groupId, 'GROUP_NOT_FOUND');
    this.requireIdentifiableAccess(principal, 'see group-level detail');
    if (principal.role === 'therapist' && !group.facilitatorIds.includes(principal.sub)) throw new Forbidden('Only the facilitators of this group may see it.', 'OUT_OF_SCOPE');
    return group;
  }

  /** A participant view: 404 outside the organization, 403 for researchers and therapists of other groups. */
  participant(principal: Principal, participantId: string): void {
    const participant = this.directory.participants.get(participantId);
    if (!participant || participant.org !== principal.org) throw new NotFound('participant', participantId, 'PARTICIPANT_NOT_FOUND');
    this.requireIdentifiableAccess(principal, 'see a participant timeline');
    if (principal.role === 'therapist') {
      const mine = [...this.directory.groups.values()].some((g) => g.org === principal.org && g.facilitatorIds.includes(principal.sub) && g.members.some((m) => m.participantId === participantId));
      if (!mine) throw new Forbidden('Only facilitators of a group this participant belongs to may see them.', 'OUT_OF_SCOPE');
    }
  }

  private requireIdentifiableAccess(principal: Principal, action: string): void {
    if (principal.role === 'researcher') throw new Forbidden(`Researchers see aggregate views only; they may not ${action}.`, 'ROLE_NOT_ALLOWED');
  }
}
