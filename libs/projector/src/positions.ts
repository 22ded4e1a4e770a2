import type { AnalyticsStore } from '#libs/analytics-store';
import { tables } from './tables.js';

export interface ProjectionPosition {
  readonly projection: string;
  readonly projectionVersion: number;
  /** Highest global event-store position projected. */
  readonly position: bigint;
  readonly updatedAt: string;
}

/**
 * The row of projection_positions that says up to where the derived tables (measures_current,
 * episode_scores, participant_scores) were refreshed; the Projector records it with the
 * projections' positions, or later when the refresh is deferred (Projector `derivedRefresh`).
 * A reader that takes the lowest position of every row (freshness) thus counts the derived tables.
 */
export const derivedTablesPosition = { name: 'derived_tables', version: 1 } as const;

/** Each projection's position for /health (API.md: position and lag per projection). */
export async function readProjectionPositions(store: AnalyticsStore): Promise<ProjectionPosition[]> {
  const rows = await store.query<{ projection_name: string; projection_version: number; position: string; updated_at: string }>(
    `SELECT projection_name, projection_version, max(position) AS position, max(updated_at) AS updated_at
       FROM ${tables.projectionPositions}
      GROUP BY projection_name, projection_version
      ORDER BY projection_name, projection_version`,
    {},
  );
  return rows.map((r) => ({
    projection: r.projection_name,
    projectionVersion: Number(r.projection_version),
    position: BigInt(r.position),
    updatedAt: r.updated_at,
  }));
}
