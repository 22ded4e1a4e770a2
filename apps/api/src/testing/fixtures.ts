import { expect } from '@jest/globals';
import { AlertsReactorRunner } from '#libs/alerts-reactor';
import type { ApiHarness } from './api-harness.js';

/** A program, a group facilitated by `therapist-1`, and helpers to add people to it, all through HTTP. */
export async function organizationFixture(api: ApiHarness, org = 'org-a') {
  const director = await api.token('director', 'director-1', org);
  const program = await api.http('POST', '/api/v1/programs', {
    token: director,
    body: { name: 'Anxiety group program', part2: false, timeZone: 'America/New_York', plannedWeeks: 12, schedule: [{ instrument: 'GAD-7', every: 'session' }] },
  });
  expect(program.status).toBe(201);
  const group = await api.http('POST', '/api/v1/groups', {
    token: director,
    body: { programId: program.body.programId, name: 'Tuesday evening', facilitatorIds: ['therapist-1'], startsOn: '2026-01-06' },
  });
  expect(group.status).toBe(201);
  const programId: string = program.body.programId;
  const groupId: string = group.body.groupId;

  async function participant(displayName = 'Alex Example', dateOfBirth = '1990-04-02') {
    const created = await api.http('POST', '/api/v1/participants', { token: director, body: { programId, displayName, dateOfBirth, gender: 'female', externalRef: 'MRN-1234' } });
    expect(created.status).toBe(201);
    return created.body.participantId as string;
  }

  async function member(joinedOn = '2026-01-06', displayName?: string) {
    const participantId = await participant(displayName);
    const joined = await api.http('POST', `/api/v1/groups/${groupId}/members`, { token: director, body: { participantId, joinedOn } });
    expect(joined.status).toBe(201);
    return participantId;
  }

  async function session(date = '2026-01-13') {
    const created = await api.http('POST', `/api/v1/groups/${groupId}/sessions`, { token: director, body: { date, durationMinutes: 90 } });
    expect(created.status).toBe(201);
    return created.body.sessionId as string;
  }

  return { director, programId, groupId, participant, member, session };
}

/**
 * The event store head, to prove a rejected request appended nothing. Taken once the alerts reactor
 * (embedded mode) has handled the whole log: it appends the alerts of earlier writes in the
 * background, which would move the head between two calls (the demo seed test failed CI on it).
 */
export async function head(api: ApiHarness): Promise<string> {
  await reactorIdle(api);
  return (await api.http('GET', '/health')).body.eventStore.head;
}

async function reactorIdle(api: ApiHarness): Promise<void> {
  let runner: AlertsReactorRunner;
  try {
    runner = api.app.get(AlertsReactorRunner, { strict: false });
  } catch {
    return; // no reactor in this process
  }
  let timer: NodeJS.Timeout | undefined;
  // A reactor held still by a test (a failing store) must not hang every later head(): give up after 10 s.
  await Promise.race([runner.reactor.waitUntilIdle().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, 10_000)))]).finally(() => clearTimeout(timer));
}
