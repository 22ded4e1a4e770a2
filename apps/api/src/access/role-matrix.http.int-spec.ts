import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClinicalWorld, created, head, newParticipant, phq9, setUpClinicalWorld, startClinicalApi, TODAY_IN_PROGRAM } from '../measures/testing/clinical-fixtures.js';
import type { ApiHarness, HttpResult } from '../testing/api-harness.js';

/**
 * Every role on every endpoint (issue 6). The expected status of each cell is written here by
 * hand from PRIVACY.md "Access" and API.md "Scope errors", never derived from the policy code.
 * Columns, in this order:
 *   director   director-1 of org-a (everything of the organization)
 *   admin      admin-1 of org-a
 *   therapist  therapist-1, facilitates the group of the participant under test
 *   otherTher  therapist-2 of org-a, facilitates another group only
 *   researcher researcher-1 of org-a (de-identified and aggregate only)
 *   otherOrg   director-9 of org-b (another tenant: org-a's resources are 404, lists empty)
 *   none       no token
 * A new endpoint in GET /api/docs-json without a row here fails the first test.
 */
const WHO = ['director', 'admin', 'therapist', 'otherTher', 'researcher', 'otherOrg', 'none'] as const;
type Who = (typeof WHO)[number];
type Cells = readonly [number, number, number, number, number, number, number];

interface World extends ClinicalWorld {
  otherParticipantId: string;
  alertId: string;
  /** A fresh participant of the therapist's group (for rows that change or remove them). */
  freshMember(): Promise<string>;
}
interface Call {
  path: string;
  body?: unknown;
}
interface Row {
  op: string;
  call: (w: World) => Call | Promise<Call>;
  expect: Cells;
}

const v1 = '/api/v1';
const ROWS: Row[] = [
  { op: 'GET /health', call: () => ({ path: '/health' }), expect: [200, 200, 200, 200, 200, 200, 200] },
  { op: 'GET /metrics', call: () => ({ path: '/metrics' }), expect: [200, 200, 200, 200, 200, 200, 200] },
  { op: 'POST /api/v1/auth/dev-token', call: () => ({ path: `${v1}/auth/dev-token`, body: { sub: 'x', org: 'org-a', role: 'director' } }), expect: [200, 200, 200, 200, 200, 200, 200] },
  { op: 'GET /api/v1/auth/config', call: () => ({ path: `${v1}/auth/config` }), expect: [200, 200, 200, 200, 200, 200, 200] },
  { op: 'GET /api/v1/instruments', call: () => ({ path: `${v1}/instruments` }), expect: [200, 200, 200, 200, 200, 200, 401] },
  { op: 'POST /api/v1/programs', call: () => ({ path: `${v1}/programs`, body: { name: 'P', part2: false, timeZone: 'UTC' } }), expect: [201, 201, 403, 403, 403, 201, 401] },
  { op: 'GET /api/v1/programs', call: () => ({ path: `${v1}/programs` }), expect: [200, 200, 200, 200, 200, 200, 401] },
  { op: 'POST /api/v1/groups', call: (w) => ({ path: `${v1}/groups`, body: { programId: w.programId, name: 'G', facilitatorIds: ['therapist-1'], startsOn: '2026-01-05' } }), expect: [201, 201, 403, 403, 403, 404, 401] },
  { op: 'GET /api/v1/groups', call: () => ({ path: `${v1}/groups` }), expect: [200, 200, 200, 200, 200, 200, 401] },
  { op: 'POST /api/v1/groups/{groupId}/facilitators', call: (w) => ({ path: `${v1}/groups/${w.groupId}/facilitators`, body: { facilitatorIds: ['therapist-1'] } }), expect: [200, 200, 403, 403, 403, 404, 401] },
  { op: 'POST /api/v1/groups/{groupId}/close', call: async (w) => ({ path: `${v1}/groups/${await freshGroup(w)}/close`, body: { closedOn: TODAY_IN_PROGRAM } }), expect: [200, 200, 403, 403, 403, 404, 401] },
  { op: 'POST /api/v1/groups/{groupId}/members', call: async (w) => ({ path: `${v1}/groups/${w.groupId}/members`, body: { participantId: await newParticipant(w.api, w.tokens.director, w.programId), joinedOn: '2026-02-01' } }), expect: [201, 201, 201, 403, 403, 404, 401] },
  { op: 'POST /api/v1/groups/{groupId}/members/{participantId}/leave', call: async (w) => ({ path: `${v1}/groups/${w.groupId}/members/${await w.freshMember()}/leave`, body: { leftOn: TODAY_IN_PROGRAM, reason: 'completed' } }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'POST /api/v1/groups/{groupId}/sessions', call: (w) => ({ path: `${v1}/groups/${w.groupId}/sessions`, body: { date: '2026-02-09' } }), expect: [201, 201, 201, 403, 403, 404, 401] },
  { op: 'PUT /api/v1/groups/{groupId}/sessions/{sessionId}/attendance', call: (w) => ({ path: `${v1}/groups/${w.groupId}/sessions/${w.sessionId}/attendance`, body: { records: [{ participantId: w.participantId, status: 'present' }] } }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'POST /api/v1/participants', call: (w) => ({ path: `${v1}/participants`, body: { programId: w.programId, displayName: 'New Person', dateOfBirth: '1990-01-01' } }), expect: [201, 201, 201, 201, 403, 404, 401] },
  { op: 'GET /api/v1/participants', call: () => ({ path: `${v1}/participants` }), expect: [200, 200, 200, 200, 403, 200, 401] },
  { op: 'GET /api/v1/participants/{participantId}', call: (w) => ({ path: `${v1}/participants/${w.participantId}` }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'DELETE /api/v1/participants/{participantId}', call: async (w) => ({ path: `${v1}/participants/${await w.freshMember()}` }), expect: [200, 200, 403, 403, 403, 404, 401] },
  { op: 'POST /api/v1/participants/{participantId}/measures', call: (w) => ({ path: `${v1}/participants/${w.participantId}/measures`, body: { instrument: 'GAD-7', items: [1, 1, 1, 1, 1, 1, 1], administeredOn: '2026-02-02' } }), expect: [201, 201, 201, 403, 403, 404, 401] },
  { op: 'POST /api/v1/participants/{participantId}/measures/{measureId}/void', call: async (w) => ({ path: `${v1}/participants/${w.participantId}/measures/${await freshMeasure(w)}/void`, body: { reason: 'wrong form' } }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'POST /api/v1/participants/{participantId}/milestones', call: (w) => ({ path: `${v1}/participants/${w.participantId}/milestones`, body: { type: 'goal_achieved', achievedOn: '2026-02-10' } }), expect: [201, 201, 201, 403, 403, 404, 401] },
  { op: 'POST /api/v1/participants/{participantId}/consents', call: (w) => ({ path: `${v1}/participants/${w.participantId}/consents`, body: { scope: 'tpo', status: 'granted', recordedOn: '2026-02-10' } }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'POST /api/v1/admin/instruments/{instrument}/rescore', call: () => ({ path: `${v1}/admin/instruments/PHQ-9/rescore` }), expect: [403, 200, 403, 403, 403, 403, 401] },
  { op: 'GET /api/v1/alerts', call: () => ({ path: `${v1}/alerts` }), expect: [200, 200, 200, 200, 403, 200, 401] },
  { op: 'GET /api/v1/alerts/banner', call: () => ({ path: `${v1}/alerts/banner` }), expect: [200, 200, 200, 200, 403, 200, 401] },
  { op: 'POST /api/v1/alerts/{alertId}/acknowledge', call: async (w) => ({ path: `${v1}/alerts/${await freshAlert(w)}/acknowledge`, body: {} }), expect: [200, 200, 200, 403, 403, 404, 401] },
  // Analytics (issue 5): group and participant views are identifiable detail (researchers 403);
  // program views are aggregates every role of the organization may see, scoped for therapists.
  { op: 'GET /api/v1/groups/{groupId}/cohesion', call: (w) => ({ path: `${v1}/groups/${w.groupId}/cohesion` }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'GET /api/v1/groups/{groupId}/members', call: (w) => ({ path: `${v1}/groups/${w.groupId}/members` }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'GET /api/v1/participants/{participantId}/timeline', call: (w) => ({ path: `${v1}/participants/${w.participantId}/timeline` }), expect: [200, 200, 200, 403, 403, 404, 401] },
  { op: 'GET /api/v1/programs/{programId}/outcomes', call: (w) => ({ path: `${v1}/programs/${w.programId}/outcomes?instrument=PHQ-9` }), expect: [200, 200, 200, 200, 200, 404, 401] },
  { op: 'GET /api/v1/programs/{programId}/retention', call: (w) => ({ path: `${v1}/programs/${w.programId}/retention` }), expect: [200, 200, 200, 200, 200, 404, 401] },
  { op: 'GET /api/v1/programs/{programId}/attendance', call: (w) => ({ path: `${v1}/programs/${w.programId}/attendance` }), expect: [200, 200, 200, 200, 200, 404, 401] },
  { op: 'GET /api/v1/programs/{programId}/trends', call: (w) => ({ path: `${v1}/programs/${w.programId}/trends?instrument=PHQ-9` }), expect: [200, 200, 200, 200, 200, 404, 401] },
  // Session kiosk (issue 8): opened by the group's facilitator or a manager; sign-in is public
  // (a fresh code each call); the submit route opens only to a kiosk token, so every staff token is 401.
  { op: 'POST /api/v1/groups/{groupId}/sessions/{sessionId}/kiosk', call: (w) => ({ path: `${v1}/groups/${w.groupId}/sessions/${w.sessionId}/kiosk`, body: {} }), expect: [201, 201, 201, 403, 403, 404, 401] },
  { op: 'POST /api/v1/kiosk/sign-in', call: async (w) => ({ path: `${v1}/kiosk/sign-in`, body: { code: await freshKioskCode(w) } }), expect: [200, 200, 200, 200, 200, 200, 200] },
  { op: 'POST /api/v1/kiosk/measures', call: () => ({ path: `${v1}/kiosk/measures`, body: { instrument: 'PHQ-9', items: phq9(0) } }), expect: [401, 401, 401, 401, 401, 401, 401] },
  // Staff names (issue 7): directors and admins name their organization's staff (another tenant
  // names its own: 200, nothing of org-a's changes); the list is for the clinical roles, not researchers.
  { op: 'PUT /api/v1/staff/{userId}', call: () => ({ path: `${v1}/staff/therapist-1`, body: { name: 'Dr Ada Moss' } }), expect: [200, 200, 403, 403, 403, 200, 401] },
  { op: 'GET /api/v1/staff', call: () => ({ path: `${v1}/staff` }), expect: [200, 200, 200, 200, 403, 200, 401] },
  { op: 'GET /api/v1/audit', call: () => ({ path: `${v1}/audit` }), expect: [200, 200, 403, 403, 403, 200, 401] },
  // An operation on the deployment (every organization's analytics tables), so admins only.
  { op: 'POST /api/v1/admin/projections/rebuild', call: () => ({ path: `${v1}/admin/projections/rebuild`, body: {} }), expect: [403, 202, 403, 403, 403, 403, 401] },
  { op: 'GET /api/v1/admin/projections/rebuild', call: () => ({ path: `${v1}/admin/projections/rebuild` }), expect: [403, 200, 403, 403, 403, 403, 401] },
  // Research exports (issue 9): de-identified datasets for researchers and directors; the accounting of disclosures for directors and admins.
  { op: 'POST /api/v1/exports', call: (w) => ({ path: `${v1}/exports`, body: { programId: w.programId } }), expect: [202, 403, 403, 403, 202, 404, 401] },
  { op: 'GET /api/v1/exports/{exportId}', call: async (w) => ({ path: `${v1}/exports/${await freshExport(w)}` }), expect: [200, 403, 403, 403, 200, 404, 401] },
  { op: 'GET /api/v1/exports/{exportId}/files/{name}', call: async (w) => ({ path: `${v1}/exports/${await freshExport(w)}/files/manifest.json` }), expect: [200, 403, 403, 403, 200, 404, 401] },
  { op: 'GET /api/v1/disclosures', call: () => ({ path: `${v1}/disclosures` }), expect: [200, 200, 403, 403, 403, 200, 401] },
];

async function freshGroup(w: World): Promise<string> {
  const body = { programId: w.programId, name: 'Fresh', facilitatorIds: ['therapist-1'], startsOn: '2026-01-05' };
  return (await created(w.api.http('POST', `${v1}/groups`, { token: w.tokens.director, body }))).groupId;
}
async function freshKioskCode(w: World): Promise<string> {
  const opened = await created(w.api.http('POST', `${v1}/groups/${w.groupId}/sessions/${w.sessionId}/kiosk`, { token: w.tokens.director, body: {} }));
  return opened.codes.find((c: { participantId: string }) => c.participantId === w.participantId).code;
}
async function freshExport(w: World): Promise<string> {
  const answer = await w.api.http('POST', `${v1}/exports`, { token: w.tokens.director, body: { programId: w.programId } });
  if (answer.status !== 202) throw new Error(`export not accepted: ${JSON.stringify(answer.body)}`);
  return answer.body.exportId;
}
async function freshMeasure(w: World): Promise<string> {
  const body = { instrument: 'GAD-7', items: [0, 0, 0, 0, 0, 0, 0], administeredOn: '2026-02-02' };
  return (await created(w.api.http('POST', `${v1}/participants/${w.participantId}/measures`, { token: w.tokens.director, body }))).measureId;
}
async function freshAlert(w: World): Promise<string> {
  const body = { instrument: 'PHQ-9', items: phq9(3), administeredOn: '2026-02-02' };
  return (await created(w.api.http('POST', `${v1}/participants/${w.participantId}/measures`, { token: w.tokens.director, body }))).alerts[0].alertId;
}

describe('the role matrix: every role on every endpoint', () => {
  let api: ApiHarness;
  let world: World;
  let tokens: Record<Who, string | undefined>;
  /** Ids each caller must never see in any answer (PRIVACY.md scopes; another tenant's ids). */
  let outOfScope: Record<Who, string[]>;
  beforeAll(async () => {
    api = await startClinicalApi();
    const base = await setUpClinicalWorld(api);
    const d = base.tokens.director;
    const otherParticipantId = await newParticipant(api, d, base.programId, base.otherGroupId);
    const alertId = await freshAlert({ ...base, otherParticipantId, alertId: '', freshMember: async () => '' });
    world = { ...base, otherParticipantId, alertId, freshMember: () => newParticipant(api, d, base.programId, base.groupId) };
    const t = base.tokens;
    tokens = { director: t.director, admin: t.admin, therapist: t.therapist, otherTher: t.otherTherapist, researcher: t.researcher, otherOrg: t.otherOrgDirector, none: undefined };
    // A tenant of its own in org-b, whose ids org-a must never see.
    const orgB = await created(api.http('POST', `${v1}/programs`, { token: t.otherOrgDirector, body: { name: 'B', part2: false, timeZone: 'UTC' } }));
    const orgBParticipant = await newParticipant(api, t.otherOrgDirector, orgB.programId);
    await api.http('GET', `${v1}/participants/${orgBParticipant}?minPosition=${await head(api)}`, { token: t.otherOrgDirector });
    const orgA = [base.programId, base.groupId, base.otherGroupId, base.participantId, otherParticipantId, alertId];
    outOfScope = {
      director: [orgB.programId, orgBParticipant],
      admin: [orgB.programId, orgBParticipant],
      therapist: [orgB.programId, orgBParticipant, base.otherGroupId, otherParticipantId],
      otherTher: [orgB.programId, orgBParticipant, base.groupId, base.participantId, alertId],
      researcher: [orgB.programId, orgBParticipant, base.participantId, otherParticipantId, alertId],
      otherOrg: orgA,
      none: [],
    };
  });
  afterAll(async () => api.close());

  it('has a row for every operation of the OpenAPI document, and no row for one that is gone', async () => {
    const doc = (await api.http('GET', '/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const inTable = ROWS.map((r) => r.op);
    expect({ missingFromMatrix: documented.filter((op) => !inTable.includes(op)), notDocumented: inTable.filter((op) => !documented.includes(op)) }).toEqual({ missingFromMatrix: [], notDocumented: [] });
  });

  it.each(ROWS.map((row) => [row.op, row] as const))('%s', async (_op, row) => {
    const actual: Partial<Record<Who, number>> = {};
    const leaks: string[] = [];
    for (const who of WHO) {
      const { path, body } = await row.call(world);
      const method = row.op.split(' ')[0]!;
      const separator = path.includes('?') ? '&' : '?';
      const url = method === 'GET' && path.startsWith(v1) ? `${path}${separator}minPosition=${await head(api)}` : path;
      const result: HttpResult = await api.http(method, url, { token: tokens[who], body: body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
      actual[who] = result.status;
      // An error may echo the id the caller sent; an answer must not carry anything out of scope.
      const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
      if (result.status < 300) for (const id of outOfScope[who]) if (text.includes(id)) leaks.push(`${who} saw ${id}`);
      if (result.status >= 400) expect(result.headers.get('content-type')).toContain('application/problem+json');
    }
    const expected = Object.fromEntries(WHO.map((who, i) => [who, row.expect[i]]));
    expect({ statuses: actual, leaks }).toEqual({ statuses: expected, leaks: [] });
  });
});

describe('policy fixes found by the matrix', () => {
  let api: ApiHarness;
  afterAll(async () => api.close());

  it('shows a researcher no group size from 1 to 10 (small-cell rule), and everyone else the count', async () => {
    api = await startClinicalApi();
    const world = await setUpClinicalWorld(api);
    const at = `minPosition=${await head(api)}`;
    const sizes = async (token: string) => Object.fromEntries((await api.http('GET', `${v1}/groups?${at}`, { token })).body.items.map((g: { groupId: string; activeMembers: number | null }) => [g.groupId, g.activeMembers]));
    expect(await sizes(world.tokens.researcher)).toEqual({ [world.groupId]: null, [world.otherGroupId]: 0 });
    expect(await sizes(world.tokens.director)).toEqual({ [world.groupId]: 1, [world.otherGroupId]: 0 });
  });
});
