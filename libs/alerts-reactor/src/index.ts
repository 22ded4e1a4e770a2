/**
 * libs/alerts-reactor — alerts that need history, raised by a reactor that follows the
 * event stream (OUTCOMES.md "Alerts"): reliable_deterioration, not_improving,
 * alliance_drop, missed_sessions, measure_overdue. The critical-item alert is not here:
 * the api decides it with the measure.
 *
 * Pure core: initialReactorState, evolve, decideAlerts, markRaised (no I/O, no clock).
 * Runner: AlertsReactor (Nest-free; start/stop/tick).
 */
export { AlertsReactor, type AlertsReactorOptions } from './alerts-reactor.js';
export { initialReactorState, type ReactorState, type Episode, type ScoredMeasure, type ProgramInfo, type SessionAttendance } from './state.js';
export { evolve, REACTOR_ACTOR } from './evolve.js';
export { decideAlerts, markRaised } from './decide.js';
export type { AlertDecision, AlertCandidate, Tick } from './decision.js';
export { toAlertRaised, type AlertRaisedEvent } from './alert-event.js';
export { alertIdFor, alertEventIdFor, uuidV5, ALERTS_REACTOR_NAMESPACE } from './alert-ids.js';
export { primaryInstrument } from './rules/not-improving.js';
export {
  alertSettings,
  defaultAlertSettings,
  type AlertSettings,
  type AlertSettingsOverrides,
  type AlertSeverity,
  type AlertType,
} from './settings.js';
export { AlertsReactorRunner } from './alerts-reactor.runner.js';
export { ReactorSnapshots, REACTOR_SNAPSHOT_VERSION, reactorStateLines, restoreReactorLine, type StateSnapshots } from './snapshot.js';
