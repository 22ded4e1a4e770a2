/**
 * libs/exports — de-identified research datasets (PRIVACY.md "Research export", issue 9).
 * Pure functions except `writeParquet` (the analytics engine writes Parquet).
 *
 * Flow: `surrogatesNeeded(source, query)` → the caller assigns and stores missing random
 * surrogates → `buildDataset(source, query, surrogates)` → `textFiles(dataset)` + one
 * `writeParquet(store, table)` per table → `manifestOf` / `manifestFile` → write them all,
 * read them back, `verifyExport(files, {k, forbidden})` must return [] before publishing.
 */
export type { ExportSource, ExportQuery, SourceParticipant, SourceConsent, SourceMembership, SourceSession, SourceAttendance, SourceMeasure, SourceMilestone } from './source.js';
export { POLICY_VERSION, DEFAULT_K, MIN_CELL, MAX_SUPPRESSED_SHARE, PART2_NOTICE } from './policy.js';
export { LADDER, generalize, classKey, type QuasiIdentifiers, type Generalization } from './quasi-identifiers.js';
export { kAnonymize, type KAnonymityResult } from './k-anonymity.js';
export { suppressCells, derivableCells, withMargins, type CountTable, type PublishedGrid } from './cell-suppression.js';
export { researchConsentInForce, eligibleParticipants, type EligibleParticipant } from './cohort.js';
export { buildDataset, surrogatesNeeded, type Dataset } from './dataset.js';
export type { SurrogateLookup } from './tables.js';
export { ALL } from './aggregates.js';
export { toCsv, parseCsv } from './csv.js';
export { textFiles, dictionaryFiles, manifestOf, manifestFile, sha256, type ExportFile } from './files.js';
export { findIdentifiers, IDENTIFIER_PATTERNS } from './identifiers.js';
export { verifyExport, type VerifyOptions } from './verifier.js';
export { writeParquet, clickHouseType } from './parquet.js';
export { newSurrogate } from './surrogates.js';
export type { Table, Column, ColumnType, Cell } from './table.js';
