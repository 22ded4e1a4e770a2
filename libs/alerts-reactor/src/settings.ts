import type { Cutoff } from '#libs/instruments';

export type AlertType = 'reliable_deterioration' | 'not_improving' | 'alliance_drop' | 'missed_sessions' | 'measure_overdue';
export type AlertSeverity = 'high' | 'medium' | 'low';

/**
 * When the reactor raises an alert. Every figure here is a PRODUCT DEFAULT chosen for
 * this platform (OUTCOMES.md "Alerts", "Group cohesion": "product defaults, configurable,
 * not clinical facts"), except the reliable-change thresholds and the GSRS cutoff, which
 * come from the instrument definitions (#libs/instruments, each cited there).
 */
export interface AlertSettings {
  /**
   * Reliable-change thresholds for instruments whose definition publishes none (BARC-10,
   * GCQ-S, GSRS), or to override one. Used by reliable_deterioration and not_improving.
   */
  readonly reliableChange: Readonly<Record<string, number>>;
  readonly reliableDeterioration: { readonly enabled: boolean; readonly severity: AlertSeverity };
  readonly notImproving: {
    readonly enabled: boolean;
    readonly severity: AlertSeverity;
    /** Attended (present or late) sessions in the episode before the question is asked. */
    readonly afterAttendedSessions: number;
  };
  readonly allianceDrop: {
    readonly enabled: boolean;
    readonly severity: AlertSeverity;
    readonly instrument: string;
    /** A fall of at least this many points from the member's previous GSRS raises the alert. */
    readonly minDropPoints: number;
    /** Entering this zone raises the alert too; null = the definition's alertCutoff (GSRS < 36). */
    readonly alertCutoff: Cutoff | null;
  };
  readonly missedSessions: {
    readonly enabled: boolean;
    readonly severity: AlertSeverity;
    /** Consecutive sessions not attended (absent, excused or unrecorded). OUTCOMES.md default 2. */
    readonly inARow: number;
  };
  readonly measureOverdue: {
    readonly enabled: boolean;
    readonly severity: AlertSeverity;
    /** Days of slack after a measure falls due before it counts as overdue. */
    readonly graceDays: number;
  };
}

export const defaultAlertSettings: AlertSettings = Object.freeze({
  reliableChange: Object.freeze({}),
  reliableDeterioration: Object.freeze({ enabled: true, severity: 'high' as const }),
  notImproving: Object.freeze({ enabled: true, severity: 'medium' as const, afterAttendedSessions: 6 }),
  allianceDrop: Object.freeze({ enabled: true, severity: 'medium' as const, instrument: 'GSRS', minDropPoints: 1, alertCutoff: null }),
  missedSessions: Object.freeze({ enabled: true, severity: 'medium' as const, inARow: 2 }),
  measureOverdue: Object.freeze({ enabled: true, severity: 'low' as const, graceDays: 3 }),
});

export interface AlertSettingsOverrides {
  readonly reliableChange?: Readonly<Record<string, number>>;
  readonly reliableDeterioration?: Partial<AlertSettings['reliableDeterioration']>;
  readonly notImproving?: Partial<AlertSettings['notImproving']>;
  readonly allianceDrop?: Partial<AlertSettings['allianceDrop']>;
  readonly missedSessions?: Partial<AlertSettings['missedSessions']>;
  readonly measureOverdue?: Partial<AlertSettings['measureOverdue']>;
}

/** The defaults with some values replaced, section by section. */
export function alertSettings(overrides: AlertSettingsOverrides = {}): AlertSettings {
  const d = defaultAlertSettings;
  return {
    reliableChange: { ...d.reliableChange, ...overrides.reliableChange },
    reliableDeterioration: { ...d.reliableDeterioration, ...overrides.reliableDeterioration },
    notImproving: { ...d.notImproving, ...overrides.notImproving },
    allianceDrop: { ...d.allianceDrop, ...overrides.allianceDrop },
    missedSessions: { ...d.missedSessions, ...overrides.missedSessions },
    measureOverdue: { ...d.measureOverdue, ...overrides.measureOverdue },
  };
}
