/**
 * libs/instruments — questionnaire definitions as versioned data, and pure scoring.
 *
 * Exports:
 * - `instruments: readonly InstrumentDefinition[]` every released definition (all versions);
 *   `instrumentIds`, `isInstrumentId(value)`.
 * - `getInstrument(id, version?)` → the definition (latest version when none given) or undefined.
 * - `validateResponse(definition, items: unknown)` → `FieldError[]` (#libs/errors), paths
 *   `/items` (not an array, wrong count) and `/items/<i>` (type, range, step, forbidden null).
 * - `scoreResponse(definition, items: (number|null)[])` → `Score`
 *   `{total, metric?, subscales?, band?, caseness?, valid}`.
 * - `criticalItemAlerts(definition, items)` → `CriticalItemAlert[]` (PHQ-9 item 9 > 0).
 * - `classifyChange(definition, baseline, latest, options?)` → `ChangeClassification`
 *   (threshold method; for SWEMWBS pass METRIC scores).
 * - `jacobsonTruax(params, pre, post)` → `{rci, reliable, cutoff, category}`; `clinicalCutoff(params)`.
 * - `instrumentSummary(definition)` → the public shape of GET /instruments.
 * - `bandOf`, `metricOf`, `meetsCutoff`: the helpers scoring uses, for projections.
 * - Types: InstrumentDefinition, InstrumentId, ItemDefinition, Band, Cutoff, Direction, ...
 */
export * from './definition.js';
export { instruments, instrumentIds, isInstrumentId, getInstrument } from './registry.js';
export { validateResponse } from './validate.js';
export { scoreResponse, bandOf, metricOf, type Score } from './score.js';
export { criticalItemAlerts, type CriticalItemAlert } from './critical-items.js';
export { classifyChange, type ChangeClassification, type ChangeOptions } from './change.js';
export {
  jacobsonTruax,
  clinicalCutoff,
  type JacobsonTruaxResult,
  type JacobsonTruaxCategory,
} from './jacobson-truax.js';
export { instrumentSummary, type InstrumentSummary } from './summary.js';
