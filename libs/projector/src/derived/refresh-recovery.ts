import type { AnalyticsStore } from '#libs/analytics-store';
import { erasureKey } from '../erasure.js';
import type { ProjectedRow } from '../projections/index.js';
import { tables } from '../tables.js';
import { addStaleKeys, dependentsOf, type StaleKeys, withoutErased } from './derived-tables.js';

/**
 * The keys (participants, groups) whose derived rows may be stale because rows projected after
 * `position` were never refreshed: a process that stopped between writing a batch (and recording its position)
 * and the deferred refresh of its participants (Projector `derivedRefresh`). Every projected row
 * carries its event's global position as `version` (projections/fields.ts), so the rows after
 * `position` name them, by the key columns of the tables derived from them. Erased participants
 * are left out: erasure deleted their rows (and refreshed their groups at once).
 * One scan of each source table's `version`; run once at start.
 */
export async function staleSince(store: AnalyticsStore, position: bigint): Promise<StaleKeys> {
  const stale: StaleKeys = new Map();
  for (const [table, dependents] of dependentsOf) {
    const keys = [...new Set(dependents.map((d) => d.key))];
    const named = await store.query<Record<string, string>>(
      `SELECT DISTINCT org, ${keys.join(', ')} FROM ${table} WHERE version > {position:UInt64}`,
      { position: position.toString() },
    );
    const rows: ProjectedRow[] = named.map((row) => ({ table, row }));
    addStaleKeys(stale, rows);
  }
  if (stale.size === 0) return stale;
  const erased = await store.query<{ org: string; participant_id: string }>(`SELECT DISTINCT org, participant_id FROM ${tables.participantErasures}`, {});
  return withoutErased(stale, new Set(erased.map((e) => erasureKey(e.org, e.participant_id))));
}
