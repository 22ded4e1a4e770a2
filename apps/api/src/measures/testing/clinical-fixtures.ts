import { expect } from '@jest/globals';
import { FixedClock } from '#libs/system';
import { type ApiHarness, type HttpResult, startApi } from '../../testing/api-harness.js';

/**
 * Test fixtures for the clinical record, all made through HTTP: a program in Pacific/Auckland
 * (so "today" there differs from UTC), a group facilitated by `therapist-1`, a participant who
 * joined it, a session, and tokens for every role. The clock is fixed at NOW.
 */
export const NOW = new Date('2026-03-10T12:00:00Z');
/** Calendar date in Auckland at NOW (UTC+13 in March): already the 11th there. */
export const TODAY_IN_PROGRAM = '2026-03-11';
export const TOMORROW_IN_PROGRAM = '2026-03-12';
export const TIME_ZONE = 'Pacific/Auckland';

export interface Tokens {
  director: string;
  admin: string;
  therapist: string;
  otherTherapist: string;
  researcher: string;
  otherOrgDirector: string;
}

export interface ClinicalWorld {
  api: ApiHarness;
  tokens: Tokens;
  programId: string;
  groupId: string;
  otherGroupId: string;
  participantId: string;
  /** A session on 2026-02-02, after the participant joined (2026-02-01). */
  sessionId: string;
  /** A session of the same group on 2026-01-20, before the participant joined. */
  earlySessionId: string;
}

export async function startClinicalApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  return startApi(env, { clock: new FixedClock(NOW) });
}

export async function tokensFor(api: ApiHarness): Promise<Tokens> {
  return {
    director: await api.token('director', 'director-1'),
    admin: await api.token('admin', 'admin-1'),
    therapist: await api.token('therapist', 'therapist-1'),
    otherTherapist: await api.token('therapist', 'therapist-2'),
    researcher: await api.token('researcher', 'researcher-1'),
    otherOrgDirector: await api.token('director', 'director-9', 'org-b'),
  };
}

export async function created(result: Promise<HttpResult>, status = 201): Promise<any> {
  const response = await result;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function setUpClinicalWorld(api: ApiHarness): Promise<ClinicalWorld> {
  const tokens = await tokensFor(api);
  const token = tokens.director;
  const program = await created(api.http('POST', '/api/v1/programs', { token, body: { name: 'Recovery', part2: true, timeZone: TIME_ZONE } }));
  const group = await created(api.http('POST', '/api/v1/groups', { token, body: { programId: program.programId, name: 'Tuesday', facilitatorIds: ['therapist-1'], startsOn: '2026-01-05' } }));
  const other = await created(api.http('POST', '/api/v1/groups', { token, body: { programId: program.programId, name: 'Thursday', facilitatorIds: ['therapist-2'], startsOn: '2026-01-05' } }));
  const participantId = await newParticipant(api, token, program.programId);
  const early = await created(api.http('POST', `/api/v1/groups/${group.groupId}/sessions`, { token, body: { date: '2026-01-20' } }));
  await created(api.http('POST', `/api/v1/groups/${group.groupId}/members`, { token, body: { participantId, joinedOn: '2026-02-01' } }));
  const session = await created(api.http('POST', `/api/v1/groups/${group.groupId}/sessions`, { token, body: { date: '2026-02-02' } }));
  return { api, tokens, programId: program.programId, groupId: group.groupId, otherGroupId: other.groupId, participantId, sessionId: session.sessionId, earlySessionId: early.sessionId };
}

export async function newParticipant(api: ApiHarness, token: string, programId: string, groupId?: string): Promise<string> {
  const participant = await created(api.http('POST', '/api/v1/participants', { token, body: { programId, displayName: 'Alex Example', dateOfBirth: '1990-05-17' } }));
  if (groupId) await created(api.http('POST', `/api/v1/groups/${groupId}/members`, { token, body: { participantId: participant.participantId, joinedOn: '2026-02-01' } }));
  return participant.participantId;
}

/** The event store head through GET /health: equal before and after = nothing appended. */
export async function head(api: ApiHarness): Promise<string> {
  return (await api.http('GET', '/health')).body.eventStore.head;
}

/** Asserts a problem+json answer with its status and stable code. */
export function expectProblem(result: HttpResult, status: number, code: string): void {
  expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
  expect(result.headers.get('content-type')).toContain('application/problem+json');
}

/** Asserts a 400 naming exactly these JSON-pointer paths (a field may carry several messages). */
export function expectInvalid(result: HttpResult, paths: string[]): void {
  expect(result.status).toBe(400);
  expect(result.body.code).toBeDefined();
  expect([...new Set(result.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual([...paths].sort());
}

export const phq9 = (item9 = 0, fill = 1): number[] => [fill, fill, fill, fill, fill, fill, fill, fill, item9];
