import { type ChangeStats, combineStats, statsOf } from './change-stats.js';
import type { GroupBreakdown, TherapistBreakdown } from './outcomes.types.js';
import type { EpisodeChange } from './summarize.js';

/** localeCompare's order (the default locale's collation) at a fraction of its cost per call. */
const collator = new Intl.Collator();

/** One group's name, current facilitators and the statistics of its qualifying episodes. */
export interface GroupStats {
  readonly groupId: string;
  readonly name: string;
  readonly facilitatorIds: readonly string[];
  readonly stats: ChangeStats;
}

/** The statistics per group of a list of episodes (the query hands them over per group already). */
export function groupStatsOf(episodes: readonly EpisodeChange[], flagsOf: (baseline: number, latest: number) => number): GroupStats[] {
  const groups = new Map<string, EpisodeChange[]>();
  for (const episode of episodes) {
    const list = groups.get(episode.groupId);
    if (list) list.push(episode);
    else groups.set(episode.groupId, [episode]);
  }
  return [...groups.values()].map((list) => ({ groupId: list[0]!.groupId, name: list[0]!.groupName, facilitatorIds: list[0]!.facilitatorIds, stats: statsOf(list, flagsOf) }));
}

/** Which slice of a breakdown to summarize: `limit` rows from `offset` (none: all). */
export interface BreakdownPage {
  readonly offset: number;
  readonly limit: number | undefined;
}

const pageOf = <T>(rows: readonly T[], page: BreakdownPage): readonly T[] => (page.offset === 0 && page.limit === undefined ? rows : rows.slice(page.offset, page.limit === undefined ? undefined : page.offset + page.limit));

/** The same summary per group (by name, then id), for the page's groups only. */
export function byGroup<S>(groups: readonly GroupStats[], summarize: (stats: ChangeStats) => S, page: BreakdownPage = { offset: 0, limit: undefined }): GroupBreakdown<S>[] {
  const sorted = [...groups].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.groupId, b.groupId));
  // Object.assign, not a spread into the literal: ~4× cheaper per object in V8 (measured), ~5 000 groups a request at 10 M events.
  return pageOf(sorted, page).map((group) => Object.assign({ groupId: group.groupId, name: group.name }, summarize(group.stats)));
}

/** Each current facilitator with the statistics of their groups, sorted by id: what byTherapist pages through. */
export function therapistStats(groups: readonly GroupStats[]): [therapistId: string, parts: ChangeStats[]][] {
  const therapists = new Map<string, ChangeStats[]>();
  for (const group of groups) {
    for (const therapistId of new Set(group.facilitatorIds)) {
      const parts = therapists.get(therapistId);
      if (parts) parts.push(group.stats);
      else therapists.set(therapistId, [group.stats]);
    }
  }
  return [...therapists.entries()].sort(([a], [b]) => collator.compare(a, b));
}

/**
 * The same summary per facilitator id (sorted by id), over the groups they currently
 * facilitate, for the page's therapists only. An episode counts once for each current
 * facilitator of its group, so the therapists' n can add up to more than the program's n.
 */
export function byTherapist<S>(therapists: readonly [string, ChangeStats[]][], summarize: (stats: ChangeStats) => S, page: BreakdownPage = { offset: 0, limit: undefined }): TherapistBreakdown<S>[] {
  return pageOf(therapists, page).map(([therapistId, parts]) => Object.assign({ therapistId }, summarize(combineStats(parts))));
}
