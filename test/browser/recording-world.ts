import { type ApiHarness, startApi } from '../../apps/api/src/testing/index.js';

/**
 * A small organization for the recording screens, made through the public API on a fresh
 * api: a program in UTC, a group facilitated by `therapist-rec` that started 60 days ago with
 * three members, and tokens. Dates are relative to today so "today" is always allowed.
 */
export interface RecordingWorld {
  api: ApiHarness;
  org: string;
  director: string;
  therapist: string;
  programId: string;
  groupId: string;
  members: { participantId: string; displayName: string }[];
  /** POST/PUT as someone; fails the test on an unexpected status. */
  write<T = any>(token: string, method: string, path: string, body: unknown, status?: number): Promise<T>;
  get<T = any>(token: string, path: string): Promise<T>;
}

export const THERAPIST = 'therapist-rec';
export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export async function startRecordingWorld(): Promise<RecordingWorld> {
  const api = await startApi();
  const org = 'clinic';
  const director = await api.token('director', 'director-rec', org);
  const therapist = await api.token('therapist', THERAPIST, org);
  const write = async (token: string, method: string, path: string, body: unknown, status?: number) => {
    const result = await api.http(method, `/api/v1${path}`, { token, body });
    if (status ? result.status !== status : result.status >= 300) throw new Error(`${method} ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const get = async (token: string, path: string) => {
    const head = (await api.http('GET', '/health')).body.eventStore.head;
    const result = await api.http('GET', `/api/v1${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, { token });
    if (result.status !== 200) throw new Error(`GET ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const program = await write(director, 'POST', '/programs', { name: 'Recovery skills', part2: false, timeZone: 'UTC' });
  const group = await write(director, 'POST', '/groups', { programId: program.programId, name: 'Tuesday evening', facilitatorIds: [THERAPIST], startsOn: daysAgo(60) });
  const members = [];
  for (const displayName of ['Ana Lima', 'Ben Okafor', 'Chris Novak']) {
    const { participantId } = await write(director, 'POST', '/participants', { programId: program.programId, displayName, dateOfBirth: '1988-04-02' });
    await write(director, 'POST', `/groups/${group.groupId}/members`, { participantId, joinedOn: daysAgo(50) });
    members.push({ participantId, displayName });
  }
  return { api, org, director, therapist, programId: program.programId, groupId: group.groupId, members, write, get };
}
