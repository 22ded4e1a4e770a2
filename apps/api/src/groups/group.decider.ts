import { Conflict, NotFound, RuleBroken } from '#libs/errors';
import type { AttendanceStatus, GroupEvent, LeaveReason } from '#libs/events';
import type { Decider } from '../commands/decider.js';
import { assertNotInFuture } from '../shared/dates.js';
import { activeMembership, enrolledOn, evolveGroup, type ExistingGroup, type GroupState } from './group.state.js';

/** `today` is the latest calendar date allowed in the program's time zone (clock skew included). */
export type GroupCommand =
  | { kind: 'CreateGroup'; groupId: string; programId: string; name: string; facilitatorIds: readonly string[]; startsOn: string }
  | { kind: 'ChangeFacilitators'; facilitatorIds: readonly string[] }
  | { kind: 'CloseGroup'; closedOn: string; today: string }
  | { kind: 'JoinMember'; participantId: string; participantProgramId: string; joinedOn: string; today: string }
  | { kind: 'LeaveMember'; participantId: string; leftOn: string; reason: LeaveReason; today: string }
  | { kind: 'ScheduleSession'; sessionId: string; date: string; durationMinutes: number | null }
  | { kind: 'RecordAttendance'; sessionId: string; records: readonly { participantId: string; status: AttendanceStatus }[]; today: string };

function requireOpen(state: ExistingGroup, action: string): void {
  if (state.closedOn !== null) throw new RuleBroken('GROUP_CLOSED', `Group ${state.groupId} was closed on ${state.closedOn}; cannot ${action}.`);
}

export const groupDecider: Decider<GroupCommand, GroupState, GroupEvent> = {
  initialState: { exists: false },
  evolve: evolveGroup,
  decide(command, state) {
    if (command.kind === 'CreateGroup') {
      if (state.exists) throw new Conflict('ID_TAKEN', `Group ${command.groupId} already exists.`);
      const { groupId, programId, name, facilitatorIds, startsOn } = command;
      return [{ type: 'GroupCreated', data: { groupId, programId, name, facilitatorIds, startsOn } }];
    }
    if (!state.exists) throw new NotFound('group', '(unknown)', 'GROUP_NOT_FOUND');
    const ids = { groupId: state.groupId, programId: state.programId };
    switch (command.kind) {
      case 'ChangeFacilitators':
        requireOpen(state, 'change facilitators');
        return [{ type: 'FacilitatorsChanged', data: { ...ids, facilitatorIds: command.facilitatorIds } }];
      case 'CloseGroup':
        if (state.closedOn !== null) throw new RuleBroken('GROUP_ALREADY_CLOSED', `Group ${state.groupId} was already closed on ${state.closedOn}.`);
        assertNotInFuture('closedOn', command.closedOn, command.today);
        if (command.closedOn < state.startsOn) throw new RuleBroken('CLOSED_BEFORE_START', `closedOn ${command.closedOn} is before the group started (${state.startsOn}).`);
        return [{ type: 'GroupClosed', data: { ...ids, closedOn: command.closedOn } }];
      case 'JoinMember':
        return [decideJoin(state, command)];
      case 'LeaveMember': {
        const membership = activeMembership(state, command.participantId);
        if (!membership) {
          const left = state.memberships.some((m) => m.participantId === command.participantId);
          throw left
            ? new RuleBroken('MEMBER_ALREADY_LEFT', `Participant ${command.participantId} already left group ${state.groupId}.`)
            : new RuleBroken('MEMBER_NOT_IN_GROUP', `Participant ${command.participantId} is not a member of group ${state.groupId}.`);
        }
        assertNotInFuture('leftOn', command.leftOn, command.today);
        if (command.leftOn < membership.joinedOn) throw new RuleBroken('LEFT_BEFORE_JOINING', `leftOn ${command.leftOn} is before joinedOn ${membership.joinedOn}.`);
        const { participantId, leftOn, reason } = command;
        return [{ type: 'MemberLeft', data: { ...ids, participantId, joinedOn: membership.joinedOn, leftOn, reason } }];
      }
      case 'ScheduleSession':
        requireOpen(state, 'schedule sessions');
        if (state.sessions[command.sessionId]) throw new Conflict('ID_TAKEN', `Session ${command.sessionId} already exists.`);
        if (command.date < state.startsOn) throw new RuleBroken('SESSION_BEFORE_GROUP_START', `Session date ${command.date} is before the group started (${state.startsOn}).`);
        return [{ type: 'SessionScheduled', data: { ...ids, sessionId: command.sessionId, date: command.date, durationMinutes: command.durationMinutes } }];
      case 'RecordAttendance':
        return [decideAttendance(state, command)];
    }
  },
};

function decideJoin(state: ExistingGroup, command: Extract<GroupCommand, { kind: 'JoinMember' }>): GroupEvent {
  requireOpen(state, 'add members');
  if (command.participantProgramId !== state.programId) {
    throw new RuleBroken('PARTICIPANT_IN_OTHER_PROGRAM', `Participant ${command.participantId} belongs to another program than group ${state.groupId}.`);
  }
  if (activeMembership(state, command.participantId)) throw new RuleBroken('ALREADY_MEMBER', `Participant ${command.participantId} is already a member of group ${state.groupId}.`);
  assertNotInFuture('joinedOn', command.joinedOn, command.today);
  if (command.joinedOn < state.startsOn) throw new RuleBroken('JOINED_BEFORE_GROUP_START', `joinedOn ${command.joinedOn} is before the group started (${state.startsOn}).`);
  const lastLeft = state.memberships.filter((m) => m.participantId === command.participantId).at(-1)?.leftOn;
  if (lastLeft && command.joinedOn < lastLeft) throw new RuleBroken('OVERLAPPING_MEMBERSHIP', `joinedOn ${command.joinedOn} is before the previous membership ended (${lastLeft}).`);
  return { type: 'MemberJoined', data: { groupId: state.groupId, programId: state.programId, participantId: command.participantId, joinedOn: command.joinedOn } };
}

function decideAttendance(state: ExistingGroup, command: Extract<GroupCommand, { kind: 'RecordAttendance' }>): GroupEvent {
  const session = state.sessions[command.sessionId];
  if (!session) throw new NotFound('session', command.sessionId, 'SESSION_NOT_FOUND');
  if (session.date > command.today) throw new RuleBroken('SESSION_IN_FUTURE', `Session ${command.sessionId} on ${session.date} has not happened yet.`);
  const strangers = command.records.filter((r) => !enrolledOn(state, r.participantId, session.date)).map((r) => r.participantId);
  if (strangers.length > 0) {
    throw new RuleBroken('MEMBER_NOT_IN_GROUP', `Not enrolled in group ${state.groupId} on ${session.date}: ${strangers.join(', ')}.`);
  }
  const type = session.attendance === null ? 'AttendanceRecorded' : 'AttendanceCorrected';
  return { type, data: { groupId: state.groupId, programId: state.programId, sessionId: command.sessionId, date: session.date, records: command.records } };
}
