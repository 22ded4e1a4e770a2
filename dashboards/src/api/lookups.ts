import { loadSession } from '../auth/session.js';
import type { Group, Instrument, List, Participant, Program, StaffMember } from './types.js';
import { useApi } from './useApi.js';

/** Ids per GET /participants request: 100 ids keep the URL near 4 KB (servers refuse 16 KB). */
const NAMES_PER_REQUEST = 100;

/**
 * Names for the ids a view shows. People are shown by name: GET /participants?participantId=
 * decrypts the display names of just these ids, within the caller's scope (the whole list is
 * ~390 k people at 10 M events). A researcher may not list identifiable participants, so they
 * see a short pseudonymous label instead, as does anyone outside the caller's scope.
 */
export function useParticipantNames(participantIds: readonly (string | null | undefined)[]): (participantId: string) => string {
  const role = loadSession()?.role;
  // In order of first appearance, so a list that grows ("Show more") keeps its first requests.
  const ids = [...new Set(participantIds.filter((id): id is string => typeof id === 'string' && id !== ''))];
  const paths: string[] = [];
  for (let i = 0; i < ids.length; i += NAMES_PER_REQUEST) paths.push(`/participants?participantId=${ids.slice(i, i + NAMES_PER_REQUEST).map(encodeURIComponent).join(',')}`);
  const state = useApi<List<Participant>>(role === 'researcher' ? [] : paths);
  const names = new Map((state.data ?? []).flatMap((list) => list.items).map((p) => [p.participantId, p.displayName ?? 'Unnamed participant']));
  return (participantId) => names.get(participantId) ?? `Participant ${participantId.slice(0, 8)}`;
}

/**
 * A staff member as shown: their name, or, before anyone named them (PUT /staff/{userId}; a
 * researcher sees no staff names), their user id said to be one, never a bare id.
 */
export function staffLabel(userId: string | null | undefined, name: string | null | undefined, role = 'Therapist'): string {
  if (name) return name;
  return userId ? `${role} ${userId}` : `Unknown ${role.toLowerCase()}`;
}

/** A group's facilitators by name, joined for a sentence ("Ana Okafor and Ben Varga"). */
export function facilitatorNames(group: Pick<Group, 'facilitatorIds'> & { facilitators?: StaffMember[] }): string {
  const people = group.facilitators ?? group.facilitatorIds.map((userId) => ({ userId, name: null }));
  const labels = people.map((f) => staffLabel(f.userId, f.name));
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

export function useGroups() {
  return useApi<List<Group>>('/groups');
}

export function usePrograms() {
  return useApi<List<Program>>('/programs');
}

export function useInstruments() {
  return useApi<List<Instrument>>('/instruments');
}

export function useGroupNames(): (groupId: string | null | undefined) => string {
  const groups = useGroups().data?.items ?? [];
  return (groupId) => (groupId ? (groups.find((g) => g.groupId === groupId)?.name ?? 'Unknown group') : '—');
}

/** Instruments whose score is one total (GCQ-S has only subscale means): the outcome choices. */
export function totalScored(instrument: Instrument): boolean {
  return instrument.scoring?.kind !== 'subscale-means';
}

export const DEFAULT_INSTRUMENT = 'PHQ-9';
