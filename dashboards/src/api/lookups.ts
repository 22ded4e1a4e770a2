import { loadSession } from '../auth/session.js';
import type { Group, Instrument, List, Participant, Program } from './types.js';
import { useApi } from './useApi.js';

/**
 * Names for ids. People are shown by name (GET /participants decrypts display names within
 * the caller's scope); a researcher may not list identifiable participants, so they see a
 * short pseudonymous label instead.
 */
export function useParticipantNames(): (participantId: string) => string {
  const role = loadSession()?.role;
  const state = useApi<List<Participant>>(role === 'researcher' ? null : '/participants');
  const names = new Map((state.data?.items ?? []).map((p) => [p.participantId, p.displayName ?? 'Unnamed participant']));
  return (participantId) => names.get(participantId) ?? `Participant ${participantId.slice(0, 8)}`;
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
