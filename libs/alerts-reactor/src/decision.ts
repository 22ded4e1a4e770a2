import type { AlertSeverity, AlertType } from './settings.js';

/** What a rule found, before it is addressed to anyone: the key makes it once-only. */
export interface AlertCandidate {
  /**
   * Identity of the alert's cause, stable across replays, e.g. `<episodeId>:not_improving`
   * or `<episodeId>:<measureId>:reliable_deterioration`. The alert id and the event id are
   * UUID v5 of it, so the same cause can never be appended twice.
   */
  readonly key: string;
  readonly alertType: AlertType;
  readonly severity: AlertSeverity;
  readonly measureId: string | null;
  /** Instrument names, numbers and dates only: never a name or an id (PRIVACY.md). */
  readonly message: string;
  /** missed_sessions: the sessions of the streak, so a corrected streak is not alerted twice. */
  readonly coveredSessionIds?: readonly string[];
}

/** An alert to raise: the candidate plus who it is about and what caused it. */
export interface AlertDecision extends AlertCandidate {
  readonly alertId: string;
  readonly eventId: string;
  readonly org: string;
  readonly participantId: string;
  readonly programId: string;
  readonly groupId: string;
  /** ISO 8601 UTC: the `now` the decision was made with. */
  readonly raisedAt: string;
  /** The event that caused it; null for the periodic tick. */
  readonly cause: { readonly eventId: string; readonly correlationId: string } | null;
}

/** The periodic evaluation of time-based rules (measure_overdue). */
export interface Tick {
  readonly type: 'Tick';
}
