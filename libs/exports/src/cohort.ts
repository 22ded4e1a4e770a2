import { daysBetween, inWindow } from './dates.js';
import type { ExportQuery, ExportSource, SourceConsent, SourceMembership, SourceParticipant } from './source.js';

/** A participant who may enter the export, with what the tables are computed from. */
export interface EligibleParticipant {
  readonly participant: SourceParticipant;
  /** First day in the program: the earliest joining of a group, else the registration. */
  readonly joinedOn: string;
  /** Episodes as they stood at the end of the window (a leave after `to` is not known yet). */
  readonly episodes: readonly SourceMembership[];
}

/**
 * Research consent in force (PRIVACY.md): the participant's latest research-scope consent
 * event (highest position) says `granted`. A later revocation wins; no event = no consent.
 */
export function researchConsentInForce(consents: readonly SourceConsent[]): Set<string> {
  const latest = new Map<string, SourceConsent>();
  for (const consent of consents) {
    if (consent.scope !== 'research') continue;
    const seen = latest.get(consent.participantId);
    if (!seen || BigInt(consent.version) > BigInt(seen.version)) latest.set(consent.participantId, consent);
  }
  return new Set([...latest.values()].filter((c) => c.status === 'granted').map((c) => c.participantId));
}

/**
 * Who enters the export: research consent in force, and enrolled at some time in the window
 * (an episode that began by `to` and had not ended before `from`; someone never in a group
 * counts from registration). Sorted by participant id, so the order never depends on the store.
 */
export function eligibleParticipants(source: ExportSource, query: ExportQuery): EligibleParticipant[] {
  const consented = researchConsentInForce(source.consents);
  const episodesOf = new Map<string, SourceMembership[]>();
  for (const m of source.memberships) {
    if (query.to !== null && m.joinedOn > query.to) continue;
    const episode = query.to !== null && m.leftOn !== null && m.leftOn > query.to ? { ...m, leftOn: null, leaveReason: null } : m;
    const list = episodesOf.get(m.participantId);
    if (list) list.push(episode);
    else episodesOf.set(m.participantId, [episode]);
  }
  const out: EligibleParticipant[] = [];
  for (const participant of source.participants) {
    if (!consented.has(participant.participantId)) continue;
    const episodes = episodesOf.get(participant.participantId) ?? [];
    const joinedOn = episodes.length > 0 ? episodes.map((e) => e.joinedOn).reduce((a, b) => (a < b ? a : b)) : participant.registeredOn;
    const enrolled =
      episodes.length > 0
        ? episodes.some((e) => query.from === null || e.leftOn === null || e.leftOn >= query.from)
        : inWindow(participant.registeredOn, query.from, query.to);
    if (enrolled) out.push({ participant, joinedOn, episodes });
  }
  return out.sort((a, b) => (a.participant.participantId < b.participant.participantId ? -1 : 1));
}

/** `ongoing` while an episode is open; else the reason of the last leave; `not_enrolled` without a group. */
export function statusOf(p: EligibleParticipant): string {
  if (p.episodes.length === 0) return 'not_enrolled';
  if (p.episodes.some((e) => e.leftOn === null)) return 'ongoing';
  const last = p.episodes.reduce((a, b) => (b.leftOn! > a.leftOn! ? b : a));
  return last.leaveReason ?? 'other';
}

/** Days from joining to the last leave; null while ongoing or never enrolled. */
export function lastDayOf(p: EligibleParticipant): number | null {
  if (p.episodes.length === 0 || p.episodes.some((e) => e.leftOn === null)) return null;
  return daysBetween(p.joinedOn, p.episodes.map((e) => e.leftOn!).reduce((a, b) => (a > b ? a : b)));
}
