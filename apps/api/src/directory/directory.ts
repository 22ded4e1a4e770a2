import { Injectable } from '@nestjs/common';
import { StoreFollower } from './store-follower.js';
import type { DomainEvent, LeaveReason, RecordedEvent, ScheduleEvery } from '#libs/events';
import { Interner, ParticipantTable } from './participant-table.js';
import { SessionGroups } from './session-groups.js';
import { directoryLines, restoreDirectoryLine } from './directory-snapshot.js';

export type { ParticipantEntry } from './participant-table.js';

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
  /** How many sessions it has scheduled (their ids are in groupsOfSession, hashed). */
  sessionCount: number;
}

/** The events that change a group, its members or its sessions (an erasure removes memberships). */
const GROUP_LIST_EVENTS: ReadonlySet<string> = new Set(['GroupCreated', 'FacilitatorsChanged', 'GroupClosed', 'MemberJoined', 'MemberLeft', 'SessionScheduled', 'ParticipantErased']);

/**
 * The api's small read model of who and what exists (programs, groups with members and
 * sessions, participants), for list endpoints and scope checks. It follows the event store
 * like every other reader (nothing reacts to an event that was not appended first), so it is
 * eventually consistent: `?minPosition=` waits for it. Identifiers stay encrypted here.
 * Kept compact (issue 7: ~390 k participants at 10 M events): participants as one sealed string
 * each (ParticipantTable), sessions as hashes of their ids, repeated dates and ids as shared strings.
 */
@Injectable()
export class Directory extends StoreFollower {
  readonly name = 'directory';
  readonly programs = new Map<string, ProgramEntry>();
  readonly groups = new Map<string, GroupEntry>();
  readonly participants = new ParticipantTable();
  /** sessionId → the groups that may hold a session with that id (candidates: see SessionGroups). */
  readonly groupsOfSession = new SessionGroups();
  /** Ids of erased participants (ids only): KeyShredder destroys any key they still have. */
  readonly erasedParticipants = new Set<string>();
  private readonly strings = new Interner();
  /** Counts changes to what GET /groups shows (groups, members, sessions): its answer is kept until this moves. */
  groupChanges = 0;
  /** 2: session ids kept hashed (SessionGroups), a count per group. */
  protected override readonly snapshotVersion = 2;

  protected apply(recorded: RecordedEvent): void {
    const org = recorded.metadata.org;
    const event = { type: recorded.type, data: recorded.data } as DomainEvent;
    if (GROUP_LIST_EVENTS.has(event.type)) this.groupChanges++;
    switch (event.type) {
      case 'ProgramCreated':
        this.programs.set(event.data.programId, { org, ...event.data });
        return;
      case 'GroupCreated':
        this.groups.set(event.data.groupId, { org, ...event.data, closedOn: null, members: [], sessionCount: 0 });
        return;
      case 'FacilitatorsChanged':
        this.withGroup(event.data.groupId, (g) => (g.facilitatorIds = event.data.facilitatorIds));
        return;
      case 'GroupClosed':
        this.withGroup(event.data.groupId, (g) => (g.closedOn = event.data.closedOn));
        return;
      case 'MemberJoined':
        this.withGroup(event.data.groupId, (g) => g.members.push({ participantId: this.participants.sharedId(event.data.participantId), joinedOn: this.strings.intern(event.data.joinedOn), leftOn: null, reason: null }));
        return;
      case 'MemberLeft':
        this.withGroup(event.data.groupId, (g) => {
          const index = g.members.findIndex((m) => m.participantId === event.data.participantId && m.leftOn === null);
          if (index >= 0) g.members[index] = { ...g.members[index]!, leftOn: this.strings.intern(event.data.leftOn), reason: event.data.reason };
        });
        return;
      case 'SessionScheduled':
        this.withGroup(event.data.groupId, (g) => {
          g.sessionCount++;
          this.groupsOfSession.add(event.data.sessionId, g.groupId);
        });
        return;
      case 'ParticipantRegistered': {
        const { participantId, programId, displayName, dateOfBirth, externalRef, gender, ageBand, registeredOn } = event.data;
        this.participants.set({ org, participantId, programId, displayName, dateOfBirth, externalRef, gender, ageBand, registeredOn });
        return;
      }
      case 'ParticipantErased':
        this.snapshotSoon(); // the last snapshot still holds their (encrypted) fields
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

  protected override snapshotLines(): Iterable<string> {
    return directoryLines(this);
  }

  protected override restoreLine(line: string): void {
    this.groupChanges++;
    restoreDirectoryLine(this, line, this.strings);
  }

  protected override clearState(): void {
    this.groupChanges++;
    this.programs.clear();
    this.groups.clear();
    this.participants.clear();
    this.groupsOfSession.clear();
    this.erasedParticipants.clear();
  }

  private withGroup(groupId: string, change: (group: GroupEntry) => void): void {
    const group = this.groups.get(groupId);
    if (group) change(group);
  }
}
