import type { EncryptedField } from './encrypted-field.js';

/**
 * Every domain event of the product: the published language (ARCHITECTURE.md principle 2).
 * Past-tense names; changes are additive, otherwise a V2 type and an upcaster on read.
 * Dates are `YYYY-MM-DD` calendar dates in the program's time zone.
 * Nothing here holds a direct identifier in clear: names, dates of birth, record numbers
 * and free text are EncryptedField values (PRIVACY.md).
 */

export type Gender = 'female' | 'male' | 'nonbinary' | 'other' | 'unknown';
export type LeaveReason = 'completed' | 'dropped_out' | 'transferred' | 'other';
export type AttendanceStatus = 'present' | 'late' | 'absent' | 'excused';
export type ScheduleEvery = 'session' | 'week' | '4weeks';
export type MilestoneType =
  | 'abstinent_30_days'
  | 'abstinent_90_days'
  | 'abstinent_180_days'
  | 'abstinent_365_days'
  | 'goal_achieved'
  | 'program_completed'
  | 'returned_to_work_or_study'
  | 'relapse_reported'
  | 'other';
export type ConsentScope = 'tpo' | 'research' | 'recipient';
export type ConsentStatus = 'granted' | 'revoked';

export interface MeasureScore {
  readonly total: number | null;
  readonly metric?: number;
  readonly subscales?: Readonly<Record<string, number | null>>;
  readonly band?: string;
  readonly caseness?: boolean;
  readonly valid: boolean;
}

// ---- program-{programId}
export interface ProgramCreated {
  readonly type: 'ProgramCreated';
  readonly data: {
    readonly programId: string;
    readonly name: string;
    readonly part2: boolean;
    readonly timeZone: string;
    readonly plannedWeeks: number | null;
    readonly schedule: readonly { readonly instrument: string; readonly every: ScheduleEvery }[];
  };
}

// ---- group-{groupId}
export interface GroupCreated {
  readonly type: 'GroupCreated';
  readonly data: { readonly groupId: string; readonly programId: string; readonly name: string; readonly facilitatorIds: readonly string[]; readonly startsOn: string };
}
export interface FacilitatorsChanged {
  readonly type: 'FacilitatorsChanged';
  readonly data: { readonly groupId: string; readonly programId: string; readonly facilitatorIds: readonly string[] };
}
export interface GroupClosed {
  readonly type: 'GroupClosed';
  readonly data: { readonly groupId: string; readonly programId: string; readonly closedOn: string };
}
export interface MemberJoined {
  readonly type: 'MemberJoined';
  readonly data: { readonly groupId: string; readonly programId: string; readonly participantId: string; readonly joinedOn: string };
}
export interface MemberLeft {
  readonly type: 'MemberLeft';
  /** Carries joinedOn so a projection can write the whole membership row from this event alone. */
  readonly data: {
    readonly groupId: string;
    readonly programId: string;
    readonly participantId: string;
    readonly joinedOn: string;
    readonly leftOn: string;
    readonly reason: LeaveReason;
  };
}
export interface SessionScheduled {
  readonly type: 'SessionScheduled';
  readonly data: { readonly groupId: string; readonly programId: string; readonly sessionId: string; readonly date: string; readonly durationMinutes: number | null };
}
/** The first PUT of a session's attendance records it; a later PUT is an AttendanceCorrected. */
export interface AttendanceRecorded {
  readonly type: 'AttendanceRecorded' | 'AttendanceCorrected';
  readonly data: {
    readonly groupId: string;
    readonly programId: string;
    readonly sessionId: string;
    readonly date: string;
    readonly records: readonly { readonly participantId: string; readonly status: AttendanceStatus }[];
  };
}

// ---- participant-{participantId}
export interface ParticipantRegistered {
  readonly type: 'ParticipantRegistered';
  readonly data: {
    readonly participantId: string;
    readonly programId: string;
    readonly displayName: EncryptedField;
    readonly dateOfBirth: EncryptedField;
    readonly externalRef: EncryptedField | null;
    /** Coarse attributes for analytics (PRIVACY.md): age band at registration, gender. */
    readonly ageBand: string;
    readonly gender: Gender;
    readonly registeredOn: string;
  };
}
export interface MeasureRecorded {
  readonly type: 'MeasureRecorded';
  readonly data: {
    readonly measureId: string;
    readonly participantId: string;
    readonly programId: string;
    readonly groupId: string | null;
    readonly sessionId: string | null;
    readonly instrument: string;
    readonly instrumentVersion: number;
    readonly items: readonly (number | null)[];
    readonly administeredOn: string;
    readonly score: MeasureScore;
  };
}
/** A new definition version applied to history: a new score fact beside the old one. */
export interface MeasureRescored {
  readonly type: 'MeasureRescored';
  readonly data: { readonly measureId: string; readonly participantId: string; readonly programId: string; readonly instrument: string; readonly instrumentVersion: number; readonly score: MeasureScore };
}
export interface MeasureVoided {
  readonly type: 'MeasureVoided';
  readonly data: { readonly measureId: string; readonly participantId: string; readonly programId: string; readonly reason: EncryptedField };
}
export interface AlertRaised {
  readonly type: 'AlertRaised';
  readonly data: {
    readonly alertId: string;
    readonly participantId: string;
    readonly programId: string;
    readonly groupId: string | null;
    readonly alertType: string;
    readonly severity: 'high' | 'medium' | 'low';
    readonly message: string;
    readonly measureId: string | null;
    readonly raisedAt: string;
  };
}
export interface AlertAcknowledged {
  readonly type: 'AlertAcknowledged';
  readonly data: { readonly alertId: string; readonly participantId: string; readonly programId: string; readonly note: EncryptedField | null; readonly acknowledgedAt: string };
}
export interface MilestoneReached {
  readonly type: 'MilestoneReached';
  readonly data: {
    readonly milestoneId: string;
    readonly participantId: string;
    readonly programId: string;
    readonly milestoneType: MilestoneType;
    readonly label: EncryptedField | null;
    readonly achievedOn: string;
    readonly value: number | null;
  };
}
export interface ConsentRecorded {
  readonly type: 'ConsentRecorded';
  readonly data: {
    readonly participantId: string;
    readonly programId: string;
    readonly scope: ConsentScope;
    readonly status: ConsentStatus;
    readonly recipient: string | null;
    readonly recordedOn: string;
  };
}
/** The data key was destroyed: identifiers are unreadable; analytics rows must go. */
export interface ParticipantErased {
  readonly type: 'ParticipantErased';
  readonly data: { readonly participantId: string; readonly programId: string; readonly erasedAt: string };
}

// ---- audit-{org}-{YYYY-MM-DD} (UTC day of `at`)
/**
 * A read of identifiable data, an export or an erasure (PRIVACY.md "Access": who, what, when,
 * why). Ids only, never an identifier in clear, so audit streams survive erasure untouched.
 * Kept out of DomainEvent on purpose: no projection or decider folds it.
 */
export interface AuditRecorded {
  readonly type: 'AuditRecorded';
  readonly data: {
    readonly at: string;
    readonly actor: string;
    readonly role: string;
    /** e.g. `participant.read`, `participants.list`, `participant.erase`, `export.create`. */
    readonly action: string;
    /** A path of ids, e.g. `participants/<uuid>`. */
    readonly resource: string;
    /** Why (X-Purpose): treatment, payment, operations, research, legal, emergency. */
    readonly purpose: string;
    /** Participant ids whose identifiable data the action disclosed or removed. */
    readonly subjects: readonly string[];
  };
}
export type AuditEvent = AuditRecorded;

// ---- export-{exportId} (research exports, PRIVACY.md "Research export")
/** What a researcher asked for; the export's other events follow on the same stream. */
export interface ExportRequest {
  readonly programId: string;
  readonly from: string | null;
  readonly to: string | null;
  /** Instrument ids; empty = every instrument. */
  readonly instruments: readonly string[];
  readonly k: number;
}
/** Counts and checksums of a published export (API.md manifest); ids only, no identifier. */
export interface ExportManifest {
  readonly files: readonly { readonly name: string; readonly rows: number; readonly sha256: string }[];
  readonly participants: number;
  readonly policyVersion: string;
  readonly k: number;
  readonly rowsSuppressed: number;
  readonly rowsGeneralized: number;
  readonly cellsSuppressed: number;
  readonly notice?: string;
  /** The request as applied (defaults filled in). */
  readonly query?: { readonly programId: string; readonly from: string | null; readonly to: string | null; readonly instruments: readonly string[] };
  /** The generalization level k-anonymity chose (age, cohort, gender). */
  readonly generalization?: { readonly age: string; readonly cohort: string; readonly gender: string };
}
export interface ExportRequested {
  readonly type: 'ExportRequested';
  readonly data: { readonly exportId: string; readonly request: ExportRequest; readonly part2: boolean; readonly requestedAt: string; readonly requestedBy: string; readonly role: string };
}
/** Published: the files passed the verifier. `subjects` = participant ids it holds (for erasure and the accounting of disclosures). */
export interface ExportCompleted {
  readonly type: 'ExportCompleted';
  readonly data: { readonly exportId: string; readonly manifest: ExportManifest; readonly subjects: readonly string[]; readonly completedAt: string };
}
/** Not published (a verifier refusal or a fault); `reason` is a system message, never data. */
export interface ExportFailed {
  readonly type: 'ExportFailed';
  readonly data: { readonly exportId: string; readonly reason: string; readonly failedAt: string };
}
/** A participant whose rows this export holds was erased later (PRIVACY.md): recipients must delete that surrogate's rows. */
export interface ExportErasureNoted {
  readonly type: 'ExportErasureNoted';
  readonly data: { readonly exportId: string; readonly participantId: string; readonly surrogateId: string; readonly erasedAt: string };
}
// ---- surrogates-{org}
/**
 * Random research surrogates (crypto random, never derived from anything about the person),
 * stored so that a repeated export reuses them. `kind` says what the id names.
 */
export interface SurrogatesAssigned {
  readonly type: 'SurrogatesAssigned';
  readonly data: { readonly assignments: readonly { readonly kind: 'participant' | 'group'; readonly id: string; readonly surrogate: string }[] };
}
// ---- staff-{org}
/**
 * The name a staff member (a token `sub`: director, therapist, researcher, admin) is shown by, so
 * the dashboard shows a facilitator or therapist by name rather than by user id. Staff are not
 * participants: their work names are not health data and stay in clear (PRIVACY.md protects
 * participants' identifiers). A later event for the same user replaces the name.
 */
export interface StaffMemberNamed {
  readonly type: 'StaffMemberNamed';
  readonly data: { readonly userId: string; readonly name: string };
}
export type StaffEvent = StaffMemberNamed;

export type ExportEvent = ExportRequested | ExportCompleted | ExportFailed | ExportErasureNoted | SurrogatesAssigned;

export type ProgramEvent = ProgramCreated;
export type GroupEvent = GroupCreated | FacilitatorsChanged | GroupClosed | MemberJoined | MemberLeft | SessionScheduled | AttendanceRecorded;
export type ParticipantEvent =
  | ParticipantRegistered
  | MeasureRecorded
  | MeasureRescored
  | MeasureVoided
  | AlertRaised
  | AlertAcknowledged
  | MilestoneReached
  | ConsentRecorded
  | ParticipantErased;
export type DomainEvent = ProgramEvent | GroupEvent | ParticipantEvent | StaffEvent;
export type DomainEventType = DomainEvent['type'];

/** Current schema version of every event type (bump with an upcaster when a type changes). */
export const SCHEMA_VERSION = 1;

export const streams = {
  program: (programId: string) => `program-${programId}`,
  group: (groupId: string) => `group-${groupId}`,
  participant: (participantId: string) => `participant-${participantId}`,
  audit: (org: string, day: string) => `audit-${org}-${day}`,
  export: (exportId: string) => `export-${exportId}`,
  surrogates: (org: string) => `surrogates-${org}`,
  staff: (org: string) => `staff-${org}`,
} as const;
