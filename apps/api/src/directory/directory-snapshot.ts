import type { Gender, LeaveReason } from '#libs/events';
import type { Directory, GroupEntry, ProgramEntry } from './directory.js';
import type { Interner } from './participant-table.js';

type MemberRow = [participantId: string, joinedOn: string, leftOn: string | null, reason: LeaveReason | null];
type GroupRow = Omit<GroupEntry, 'members'> & { members: MemberRow[] };
type Line =
  | ['program', ProgramEntry]
  | ['group', GroupRow]
  | ['participant', string, string, string, Gender, string, string, string]
  | ['session-groups', [hash: number, groupIds: string | string[]][]]
  | ['erased', string];

/** Session hashes per snapshot line (~430 k at 10 M events). */
const SESSIONS_PER_LINE = 10_000;

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
  let batch: [number, string | string[]][] = [];
  for (const entry of directory.groupsOfSession.entries()) {
    batch.push(entry);
    if (batch.length === SESSIONS_PER_LINE) {
      yield JSON.stringify(['session-groups', batch] satisfies Line);
      batch = [];
    }
  }
  if (batch.length > 0) yield JSON.stringify(['session-groups', batch] satisfies Line);
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
      return;
    }
    case 'session-groups':
      // After the groups: each group id is the group's own string, not one more copy per session.
      for (const [hash, held] of line[1]) for (const groupId of typeof held === 'string' ? [held] : held) directory.groupsOfSession.addHash(hash, directory.groups.get(groupId)?.groupId ?? groupId);
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
