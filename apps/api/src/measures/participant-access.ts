import { Inject, Injectable } from '@nestjs/common';
import { Forbidden } from '#libs/errors';
import { EventStore } from '#libs/event-store';
import type { Principal } from '#libs/jwt';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { Directory } from '../directory/directory.js';

/**
 * Who may write or read a participant's clinical facts (PRIVACY.md "Access"): directors and
 * admins of the organization; a therapist for participants who are or were members of a group
 * they facilitate. Answered from the Directory, which trails the store by a moment: before
 * refusing, we wait for it to reach the store's head, so a membership just added counts.
 */
@Injectable()
export class ParticipantAccess {
  constructor(
    private readonly directory: Directory,
    private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async requireInScope(principal: Principal, participantId: string, action: string): Promise<void> {
    if (principal.role === 'director' || principal.role === 'admin') return;
    if (principal.role === 'therapist') {
      if (this.facilitated(principal).has(participantId)) return;
      await this.catchUp();
      if (this.facilitated(principal).has(participantId)) return;
    }
    throw new Forbidden(`Only a director, an admin or a facilitator of one of this participant's groups may ${action}.`, 'OUT_OF_SCOPE');
  }

  /** Participants (present or past members) of the groups a therapist facilitates. */
  facilitated(principal: Principal): Set<string> {
    const groups = [...this.directory.groups.values()].filter((g) => g.org === principal.org && g.facilitatorIds.includes(principal.sub));
    return new Set(groups.flatMap((g) => g.members.map((m) => m.participantId)));
  }

  /** Whether a participant is visible in a list for this caller (researchers see no one). */
  visibleTo(principal: Principal): (participantId: string) => boolean {
    if (principal.role === 'director' || principal.role === 'admin') return () => true;
    if (principal.role !== 'therapist') return () => false;
    const mine = this.facilitated(principal);
    return (participantId) => mine.has(participantId);
  }

  /**
   * The groups of the caller's organization that may hold a session (candidates: the caller
   * checks the group's own record, SessionGroups); none when there is no such session.
   */
  async groupsOfSession(sessionId: string, org: string): Promise<readonly string[]> {
    // The org check stays: a session of another organization's group is no session for this caller.
    const find = () => this.directory.groupsOfSession.candidates(sessionId).filter((groupId) => this.directory.groups.get(groupId)?.org === org);
    const found = find();
    if (found.length > 0) return found;
    await this.catchUp();
    return find();
  }

  private async catchUp(): Promise<void> {
    await this.directory.waitFor(await this.store.headPosition(), this.config.minPositionWaitMs);
  }
}
