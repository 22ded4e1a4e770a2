import { Injectable } from '@nestjs/common';
import { StoreFollower } from './store-follower.js';
import type { DomainEvent, EncryptedField, Gender, LeaveReason, RecordedEvent, ScheduleEvery } from '#libs/events';

export interface ProgramEntry {
  readonly org: string;
  readonly programId: string;
  readonly name: string;
  readonly part2: boolean;
  readonly timeZone: string;
  readonly plannedWeeks: number | null;
  readonly schedule: readonly { instrument: string; every: ScheduleEvery }[];
}

export interface MembershipEntry {
  readonly participantId: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
  readonly reason: LeaveReason | null;
}

export interface GroupEntry {
  readonly org: string;
  readonly groupId: string;
  readonly programId: string;
  readonly name: string;
  readonly startsOn: string;
  facilitatorIds: readonly string[];
  closedOn: string | null;
  readonly members: MembershipEntry[];
  readonly sessions: { sessionId: string; date: string }[];
}

export interface ParticipantEntry {
  readonly org: string;
  readonly participantId: string;
  readonly programId: string;
  readonly displayName: EncryptedField;
  readonly dateOfBirth: EncryptedField;
  readonly externalRef: EncryptedField | null;
  readonly gender: Gender;
  readonly ageBand: string;
  readonly registeredOn: string;
}

/**
 * The api's small read model of who and what exists (programs, groups with members and
 * sessions, participants), for list endpoints and scope checks. It follows the event store
 * like every other reader (nothing reacts to an event that was not appended first), so it is
 * eventually consistent: `?minPosition=` waits for it. Identifiers stay encrypted here.
 * Known gap: it replays the whole log at start; at 10 M events that takes a while.
 */
@Injectable()
export class Directory extends StoreFollower {
  readonly name = 'directory';
  readonly programs = new Map<string, ProgramEntry>();
  readonly groups = new Map<string, GroupEntry>();
  readonly participants = new Map<string, ParticipantEntry>();
  /**
   * sessionId → the groups holding a session with that id, so finding a session's group is a
   * lookup, not a scan of every group. Usually one group; a client may choose session ids, so
   * two groups (of two organizations, say) can hold the same one.
   */
  readonly groupsOfSession = new Map<string, string[]>();
  /** Ids of erased participants (ids only): KeyShredder destroys any key they still have. */
  readonly erasedParticipants = new Set<string>();

  protected apply(recorded: RecordedEvent): void {
    const org = recorded.metadata.org;
    const event = { type: recorded.type, data: recorded.data } as DomainEvent;
    switch (event.type) {
      case 'ProgramCreated':
        this.programs.set(event.data.programId, { org, ...event.data });
        return;
      case 'GroupCreated':
        this.groups.set(event.data.groupId, { org, ...event.data, closedOn: null, members: [], sessions: [] });
        return;
      case 'FacilitatorsChanged':
        this.withGroup(event.data.groupId, (g) => (g.facilitatorIds = event.data.facilitatorIds));
        return;
      case 'GroupClosed':
        this.withGroup(event.data.groupId, (g) => (g.closedOn = event.data.closedOn));
        return;
      case 'MemberJoined':
        this.withGroup(event.data.groupId, (g) => g.members.push({ participantId: event.data.participantId, joinedOn: event.data.joinedOn, leftOn: null, reason: null }));
        return;
      case 'MemberLeft':
        this.withGroup(event.data.groupId, (g) => {
          const index = g.members.findIndex((m) => m.participantId === event.data.participantId && m.leftOn === null);
          if (index >= 0) g.members[index] = { ...g.members[index]!, leftOn: event.data.leftOn, reason: event.data.reason };
        });
        return;
      case 'SessionScheduled':
        this.withGroup(event.data.groupId, (g) => {
          g.sessions.push({ sessionId: event.data.sessionId, date: event.data.date });
          const holders = this.groupsOfSession.get(event.data.sessionId);
          if (holders) holders.push(g.groupId);
          else this.groupsOfSession.set(event.data.sessionId, [g.groupId]);
        });
        return;
      case 'ParticipantRegistered': {
        const { participantId, programId, displayName, dateOfBirth, externalRef, gender, ageBand, registeredOn } = event.data;
        this.participants.set(participantId, { org, participantId, programId, displayName, dateOfBirth, externalRef, gender, ageBand, registeredOn });
        return;
      }
      case 'ParticipantErased':
        this.participants.delete(event.data.participantId);
        this.erasedParticipants.add(event.data.participantId);
        // Their memberships leave the group lists too (counts of an erased person leave every view).
        for (const group of this.groups.values()) {
          const kept = group.members.filter((m) => m.participantId !== event.data.participantId);
          if (kept.length !== group.members.length) group.members.splice(0, group.members.length, ...kept);
        }
        return;
      default:
        return;
    }
  }

  private withGroup(groupId: string, change: (group: GroupEntry) => void): void {
    const group = this.groups.get(groupId);
    if (group) change(group);
  }
}
