import type { AnalyticsStore } from '#libs/analytics-store';
import { erasureKey } from '../erasure.js';
import type { ProjectedRow } from '../projections/index.js';
import { tables, type TableName } from '../tables.js';
import { addStaleParticipants, derivedTables, type StaleParticipants, withoutErased } from './derived-tables.js';

/** Every projected table a derived table is computed from. */
const sourceTables: readonly TableName[] = [...new Set(derivedTables.flatMap((d) => d.sources as readonly TableName[]))];

/**
 * The participants whose derived rows may be stale because rows projected after `position` were
 * never refreshed: a process that stopped between writing a batch (and recording its position)
 * and the deferred refresh of its participants (Projector `derivedRefresh`). Every projected row
 * carries its event's global position as `version` (projections/fields.ts), so the rows after
 * `position` name them. Erased participants are left out: erasure deleted their rows.
 * One scan of each source table's `version`; run once at start.
 */
export async function staleSince(store: AnalyticsStore, position: bigint): Promise<StaleParticipants> {
  const stale: StaleParticipants = new Map();
  for (const table of sourceTables) {
    const named = await store.query<{ org: string; participant_id: string }>(
      `SELECT DISTINCT org, participant_id FROM ${table} WHERE version > {position:UInt64}`,
      { position: position.toString() },
    );
    const rows: ProjectedRow[] = named.map((r) => ({ table, row: { org: r.org, participant_id: r.participant_id } }));
    addStaleParticipants(stale, rows);
  }
  if (stale.size === 0) return stale;
  const erased = await store.query<{ org: string; participant_id: string }>(`SELECT DISTINCT org, participant_id FROM ${tables.participantErasures}`, {});
  return withoutErased(stale, new Set(erased.map((e) => erasureKey(e.org, e.participant_id))));
}
