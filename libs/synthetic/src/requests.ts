import type { InstrumentId } from '#libs/instruments';

export type Role = 'director' | 'therapist' | 'researcher' | 'admin';

/** Who sends a request: the seeder asks POST /api/v1/auth/dev-token for one token per actor. */
export interface Actor {
  readonly sub: string;
  readonly role: Role;
  readonly org: string;
  readonly name?: string;
}

export type RequestKind =
  | 'program'
  | 'group'
  | 'participant'
  | 'join'
  | 'leave'
  | 'session'
  | 'attendance'
  | 'measure'
  | 'milestone'
  | 'consent';

/**
 * One HTTP request of API.md's write side. `lane` orders the requests: those of one lane
 * must be sent in order, different lanes may run concurrently, and the lane
 * `ORGANIZATION_LANE` (programs) must finish before any other starts.
 */
export interface ApiRequest {
  readonly kind: RequestKind;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly actor: Actor;
  readonly lane: string;
}

export const ORGANIZATION_LANE = 'organization';

export type ProgramKind = 'depression-anxiety' | 'addiction-recovery';

export type ScheduleEvery = 'session' | 'week' | '4weeks';

/** What the generator knows of a program; the POST /programs body is built from it. */
export interface ProgramTemplate {
  readonly kind: ProgramKind;
  readonly name: string;
  readonly part2: boolean;
  readonly timeZone: string;
  readonly plannedWeeks: number;
  readonly schedule: readonly { instrument: InstrumentId; every: ScheduleEvery }[];
  readonly groupNames: readonly string[];
}

export interface IncludeOptions {
  readonly measures: boolean;
  readonly milestones: boolean;
  readonly consents: boolean;
}

export interface CohortOptions {
  readonly seed: number;
  readonly org: string;
  /** `YYYY-MM-DD`. Every date generated is strictly before it (so a `today` read in any time zone is safe). */
  readonly today: string;
  /** How many programs, cycling through the templates (depression/anxiety, then addiction recovery). */
  readonly programs: number;
  readonly groupsPerProgram: number;
  /** How many weeks of weekly sessions, the last one before `today`. */
  readonly weeks: number;
  /** The size a rolling group keeps refilling to. */
  readonly membersPerGroup: number;
  /** Leave out the clinical facts (for an api without those endpoints). Default: all included. */
  readonly include?: Partial<IncludeOptions>;
}
