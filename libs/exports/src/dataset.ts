import { aggregateTables } from './aggregates.js';
import { eligibleParticipants } from './cohort.js';
import { kAnonymize } from './k-anonymity.js';
import { MIN_CELL, PART2_NOTICE, POLICY_VERSION } from './policy.js';
import type { Generalization } from './quasi-identifiers.js';
import type { ExportQuery, ExportSource } from './source.js';
import type { Table } from './table.js';
import { microdataTables, type Published, type SurrogateLookup } from './tables.js';

export interface Dataset {
  readonly tables: readonly Table[];
  /** Participant ids whose rows the dataset holds (for the audit trail and erasure). */
  readonly subjects: readonly string[];
  readonly participants: number;
  readonly rowsSuppressed: number;
  readonly rowsGeneralized: number;
  readonly cellsSuppressed: number;
  readonly level: Generalization;
  readonly policyVersion: string;
  readonly k: number;
  readonly notice: string | null;
}

/** Ids that need a stored surrogate before `buildDataset`: every eligible participant and every group of the source. */
export function surrogatesNeeded(source: ExportSource, query: ExportQuery): { participants: string[]; groups: string[] } {
  const groups = new Set<string>([...source.memberships.map((m) => m.groupId), ...source.attendance.map((a) => a.groupId)]);
  for (const m of source.measures) if (m.groupId !== null) groups.add(m.groupId);
  return { participants: eligibleParticipants(source, query).map((p) => p.participant.participantId), groups: [...groups].sort() };
}

/**
 * The de-identified dataset of one export (PRIVACY.md "Research export"): consent, window,
 * k-anonymity on the quasi-identifiers, microdata keyed by stored random surrogates with
 * dates as days since joining, and suppressed aggregate tables. Pure: the same source, query
 * and surrogates give the same tables, rows in the same order.
 */
export function buildDataset(source: ExportSource, query: ExportQuery, surrogates: SurrogateLookup): Dataset {
  const eligible = eligibleParticipants(source, query);
  const anonymized = kAnonymize(eligible, (p) => ({ ageBand: p.participant.ageBand, gender: p.participant.gender, cohort: p.joinedOn.slice(0, 7) }), query.k);
  const kept: Published[] = anonymized.kept.map(({ row, published }) => ({ person: row, qi: published }));
  const aggregates = aggregateTables(kept, source, query, MIN_CELL);
  return {
    tables: [...microdataTables(kept, source, query, surrogates), ...aggregates.tables],
    subjects: kept.map((k) => k.person.participant.participantId),
    participants: kept.length,
    rowsSuppressed: anonymized.suppressed.length,
    rowsGeneralized: anonymized.rowsGeneralized,
    cellsSuppressed: aggregates.cellsSuppressed,
    level: anonymized.level,
    policyVersion: POLICY_VERSION,
    k: query.k,
    notice: source.part2 ? PART2_NOTICE : null,
  };
}
