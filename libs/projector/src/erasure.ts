import type { AnalyticsStore } from '#libs/analytics-store';
import type { ProjectedRow } from './projections/index.js';
import { participantTables, tables } from './tables.js';

export interface ParticipantKey {
  readonly org: string;
  readonly participantId: string;
}

export const erasureKey = (org: string, participantId: string): string => `${org}\u0000${participantId}`;

/** Org → participant ids. */
export type NamedParticipants = Map<string, Set<string>>;

/** Adds the participants `rows` name to `named` (per event while a batch is projected, like addStaleParticipants). */
export function addNamedParticipants(named: NamedParticipants, rows: readonly ProjectedRow[]): NamedParticipants {
  for (const { row } of rows) {
    const participantId = row['participant_id'];
    if (typeof participantId !== 'string') continue;
    const org = String(row['org']);
    const ids = named.get(org);
    if (ids) ids.add(participantId);
    else named.set(org, new Set([participantId]));
  }
  return named;
}

/**
 * Which of the `named` participants (addNamedParticipants) are erased: erased in this batch, or
 * recorded in participant_erasures by an earlier one. One query per org in the batch.
 */
export async function findErased(store: AnalyticsStore, named: ReadonlyMap<string, ReadonlySet<string>>, inBatch: readonly ParticipantKey[]): Promise<Set<string>> {
  const erased = new Set(inBatch.map((e) => erasureKey(e.org, e.participantId)));
  for (const [org, ids] of named) {
    const found = await store.query<{ participant_id: string }>(
      `SELECT DISTINCT participant_id FROM ${tables.participantErasures} WHERE org = {org:String} AND participant_id IN {ids:Array(String)}`,
      { org, ids: [...ids] },
    );
    for (const { participant_id } of found) erased.add(erasureKey(org, participant_id));
  }
  return erased;
}

/**
 * The DELETE statements that remove one participant's rows from `table`. On a ClickHouse cluster
 * (deploy/kubernetes/clickhouse) the tables the projector writes are Distributed ones over
 * `<table>_local`, and a lightweight DELETE works on MergeTree tables only, so it runs on the
 * local tables of every server: `DELETE FROM t_local ON CLUSTER c`
 * (https://clickhouse.com/docs/sql-reference/statements/delete).
 */
export function erasureStatement(table: string, cluster: string | null): string {
  const target = cluster ? `${table}_local ON CLUSTER ${cluster}` : table;
  return `DELETE FROM ${target} WHERE org = {org:String} AND participant_id = {participantId:String}`;
}

/**
 * Removes every analytics row of one participant (PRIVACY.md: their counts leave every
 * dashboard). Lightweight DELETE masks the rows at once and merges drop them from disk
 * (https://clickhouse.com/docs/sql-reference/statements/delete). Idempotent. `cluster`: the
 * ClickHouse cluster's name when the tables are Distributed (erasureStatement).
 */
export async function eraseParticipant(store: AnalyticsStore, key: ParticipantKey, cluster: string | null = null): Promise<void> {
  for (const table of participantTables) {
    await store.command(erasureStatement(table, cluster), { org: key.org, participantId: key.participantId });
  }
}
