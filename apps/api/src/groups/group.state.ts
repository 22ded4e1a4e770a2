import type { AttendanceStatus, GroupEvent } from '#libs/events';
import { type SharedRecord, emptyRecord, withEntry } from '../commands/shared-record.js';

export interface Membership {
  readonly participantId: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
}

export interface GroupSession {
  readonly date: string;
  readonly durationMinutes: number | null;
  readonly attendance: Readonly<Record<string, AttendanceStatus>> | null;
}

export type GroupState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly groupId: string;
      readonly programId: string;
      readonly name: string;
      readonly facilitatorIds: readonly string[];
      readonly startsOn: string;
      readonly closedOn: string | null;
      readonly memberships: readonly Membership[];
      /** Grows with every session of the group: updated with withEntry, not copied per event. */
      readonly sessions: SharedRecord<GroupSession>;
    };

export type ExistingGroup = Extract<GroupState, { exists: true }>;

/** A member is enrolled on day d when joinedOn ≤ d and (no leftOn or d < leftOn) — OUTCOMES.md. */
export function enrolledOn(state: ExistingGroup, participantId: string, day: string): boolean {
  return state.memberships.some((m) => m.participantId === participantId && m.joinedOn <= day && (m.leftOn === null || day < m.leftOn));
}

export function activeMembership(state: ExistingGroup, participantId: string): Membership | undefined {
  return state.memberships.find((m) => m.participantId === participantId && m.leftOn === null);
}

export function evolveGroup(state: GroupState, event: GroupEvent): GroupState {
  if (event.type === 'GroupCreated') {
    const { groupId, programId, name, facilitatorIds, startsOn } = event.data;
    return { exists: true, groupId, programId, name, facilitatorIds, startsOn, closedOn: null, memberships: [], sessions: emptyRecord() };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'FacilitatorsChanged':
      return { ...state, facilitatorIds: event.data.facilitatorIds };
    case 'GroupClosed':
      return { ...state, closedOn: event.data.closedOn };
    case 'MemberJoined':
      return { ...state, memberships: [...state.memberships, { participantId: event.data.participantId, joinedOn: event.data.joinedOn, leftOn: null }] };
    case 'MemberLeft':
      return {
        ...state,
        memberships: state.memberships.map((m) => (m.participantId === event.data.participantId && m.leftOn === null ? { ...m, leftOn: event.data.leftOn } : m)),
      };
    case 'SessionScheduled':
      return { ...state, sessions: withEntry(state.sessions, event.data.sessionId, { date: event.data.date, durationMinutes: event.data.durationMinutes, attendance: null }) };
    case 'AttendanceRecorded':
    case 'AttendanceCorrected': {
      const session = state.sessions[event.data.sessionId];
      if (!session) return state;
      const attendance = { ...(session.attendance ?? {}) };
      for (const record of event.data.records) attendance[record.participantId] = record.status;
      return { ...state, sessions: withEntry(state.sessions, event.data.sessionId, { ...session, attendance }) };
    }
  }
}
