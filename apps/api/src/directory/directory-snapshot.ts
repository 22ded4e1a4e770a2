import type { Gender, LeaveReason } from '#libs/events';
import type { Directory, GroupEntry, ProgramEntry } from './directory.js';
import type { Interner } from './participant-table.js';

type MemberRow = [participantId: string, joinedOn: string, leftOn: string | null, reason: LeaveReason | null];
type GroupRow = Omit<GroupEntry, 'members'> & { members: MemberRow[] };
type Line =
  | ['program', ProgramEntry]
  | ['group', GroupRow]
  | ['participant', string, string, string, Gender, string, string, string]
  | ['shared-session', string, string[]]
  | ['erased', string];

/**
 * The Directory's state as snapshot lines (one JSON array per program, participant, group,
 * erased id), in the maps' insertion order so lists come back in the same order. The
 * participants' fields stay sealed and encrypted as the log holds them.
 */
export function* directoryLines(directory: Directory): Generator<string> {
  for (const program of directory.programs.values()) yield JSON.stringify(['program', program] satisfies Line);
  // Participants before groups: restored memberships then share the participants' id strings.
  for (const [id, p] of directory.participants.compactEntries()) yield JSON.stringify(['participant', id, p.org, p.programId, p.gender, p.ageBand, p.registeredOn, p.sealed] satisfies Line);
  for (const group of directory.groups.values()) {
    const members = group.members.map((m): MemberRow => [m.participantId, m.joinedOn, m.leftOn, m.reason]);
    yield JSON.stringify(['group', { ...group, members }] satisfies Line);
  }
  for (const [sessionId, groupIds] of directory.groupsOfSession.shared()) yield JSON.stringify(['shared-session', sessionId, [...groupIds]] satisfies Line);
  for (const id of directory.erasedParticipants) yield JSON.stringify(['erased', id] satisfies Line);
}

export function restoreDirectoryLine(directory: Directory, text: string, strings: Interner): void {
  const line = JSON.parse(text) as Line;
  switch (line[0]) {
    case 'program':
      directory.programs.set(line[1].programId, line[1]);
      return;
    case 'group': {
      const group = line[1];
      directory.groups.set(group.groupId, {
        ...group, // the same key order as a group applied from its events
        members: group.members.map(([participantId, joinedOn, leftOn, reason]) => ({ participantId: directory.participants.sharedId(participantId), joinedOn: strings.intern(joinedOn), leftOn: leftOn && strings.intern(leftOn), reason })),
      });
      for (const sessionId of group.sessions) directory.groupsOfSession.add(sessionId, group.groupId);
      return;
    }
    case 'shared-session':
      directory.groupsOfSession.replace(line[1], line[2]);
      return;
    case 'participant': {
      const [, id, org, programId, gender, ageBand, registeredOn, sealed] = line;
      directory.participants.setCompact(id, { org, programId, gender, ageBand, registeredOn, sealed });
      return;
    }
    case 'erased':
      directory.erasedParticipants.add(line[1]);
      return;
    default:
      throw new Error(`unknown directory snapshot line: ${text.slice(0, 40)}`);
  }
}
