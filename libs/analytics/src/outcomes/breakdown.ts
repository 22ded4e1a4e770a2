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

/** The same summary per group (by name, then id). */
export function byGroup<S>(groups: readonly GroupStats[], summarize: (stats: ChangeStats) => S): GroupBreakdown<S>[] {
  return [...groups]
    .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.groupId, b.groupId))
    // Object.assign, not a spread into the literal: ~4× cheaper per object in V8 (measured), ~5 000 groups a request at 10 M events.
    .map((group) => Object.assign({ groupId: group.groupId, name: group.name }, summarize(group.stats)));
}

/**
 * The same summary per facilitator id (sorted by id), over the groups they currently
 * facilitate. An episode counts once for each current facilitator of its group, so the
 * therapists' n can add up to more than the program's n.
 */
export function byTherapist<S>(groups: readonly GroupStats[], summarize: (stats: ChangeStats) => S): TherapistBreakdown<S>[] {
  const therapists = new Map<string, ChangeStats[]>();
  for (const group of groups) {
    for (const therapistId of new Set(group.facilitatorIds)) {
      const parts = therapists.get(therapistId);
      if (parts) parts.push(group.stats);
      else therapists.set(therapistId, [group.stats]);
    }
  }
  return [...therapists.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([therapistId, parts]) => Object.assign({ therapistId }, summarize(combineStats(parts))));
}
