/**
 * What an export is built from: the analytics tables of one program as they stand (no
 * identifiers there: pseudonymous ids, coarse attributes, measures; libs/projector README).
 * The api loads it from the AnalyticsStore; tests build it from generated cohorts.
 */
export interface SourceParticipant {
  readonly participantId: string;
  /** Age band at registration, e.g. `30-39`, `90+` (libs/system ageBand). */
  readonly ageBand: string;
  readonly gender: string;
  readonly registeredOn: string;
}

/** One consent event; the current consent of a scope is the one with the highest `version`. */
export interface SourceConsent {
  readonly participantId: string;
  readonly scope: string;
  readonly status: string;
  /** The event's global position, a decimal string. */
  readonly version: string;
}

export interface SourceMembership {
  readonly participantId: string;
  readonly groupId: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
  readonly leaveReason: string | null;
}

export interface SourceSession {
  readonly groupId: string;
  readonly sessionId: string;
  readonly date: string;
  readonly durationMinutes: number | null;
}

export interface SourceAttendance {
  readonly participantId: string;
  readonly groupId: string;
  readonly sessionId: string;
  readonly date: string;
  readonly status: string;
}

/** A measure that is not voided, with its latest score (highest instrument version). */
export interface SourceMeasure {
  readonly participantId: string;
  readonly measureId: string;
  readonly instrument: string;
  readonly instrumentVersion: number;
  readonly groupId: string | null;
  readonly administeredOn: string;
  readonly total: number | null;
  readonly metric: number | null;
  readonly band: string | null;
  readonly caseness: boolean | null;
  readonly valid: boolean;
}

export interface SourceMilestone {
  readonly participantId: string;
  readonly milestoneType: string;
  readonly achievedOn: string;
  readonly value: number | null;
}

export interface ExportSource {
  readonly programId: string;
  readonly part2: boolean;
  readonly participants: readonly SourceParticipant[];
  readonly consents: readonly SourceConsent[];
  readonly memberships: readonly SourceMembership[];
  readonly sessions: readonly SourceSession[];
  readonly attendance: readonly SourceAttendance[];
  readonly measures: readonly SourceMeasure[];
  readonly milestones: readonly SourceMilestone[];
}

/** What a researcher asks for (API.md POST /exports), with the defaults applied. */
export interface ExportQuery {
  readonly programId: string;
  readonly from: string | null;
  readonly to: string | null;
  /** Empty: every instrument. */
  readonly instruments: readonly string[];
  readonly k: number;
}
