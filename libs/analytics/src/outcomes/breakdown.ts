import type { EpisodeChange } from './summarize.js';
import type { GroupBreakdown, TherapistBreakdown } from './outcomes.types.js';

/** The same summary per group (by name, then id), over the episodes of that group. */
export function byGroup<E extends EpisodeChange, S>(episodes: readonly E[], summarize: (episodes: E[]) => S): GroupBreakdown<S>[] {
  const groups = new Map<string, { name: string; episodes: E[] }>();
  for (const episode of episodes) {
    const entry = groups.get(episode.groupId) ?? { name: episode.groupName, episodes: [] };
    entry.episodes.push(episode);
    groups.set(episode.groupId, entry);
  }
  return [...groups.entries()]
    .sort(([idA, a], [idB, b]) => a.name.localeCompare(b.name) || idA.localeCompare(idB))
    .map(([groupId, entry]) => ({ groupId, name: entry.name, ...summarize(entry.episodes) }));
}

/**
 * The same summary per facilitator id (sorted by id). An episode counts once for each current
 * facilitator of its group, so the therapists' n can add up to more than the program's n.
 */
export function byTherapist<E extends EpisodeChange, S>(episodes: readonly E[], summarize: (episodes: E[]) => S): TherapistBreakdown<S>[] {
  const therapists = new Map<string, E[]>();
  for (const episode of episodes) {
    for (const therapistId of new Set(episode.facilitatorIds)) {
      const list = therapists.get(therapistId) ?? [];
      list.push(episode);
      therapists.set(therapistId, list);
    }
  }
  return [...therapists.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([therapistId, list]) => ({ therapistId, ...summarize(list) }));
}
