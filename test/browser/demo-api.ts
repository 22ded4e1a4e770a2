import { DEMO_OPTIONS, generateCohort, seedThroughHttp } from '#libs/synthetic';
import { nameDemoStaff } from '../../apps/api/src/demo/demo-staff.js';
import { type ApiHarness, startApi } from '../../apps/api/src/testing/index.js';

/** The real api in embedded mode with the demo organization seeded through its public HTTP API. */
export interface DemoApi {
  api: ApiHarness;
  org: string;
  /** GET /api/v1 + path as that role and user; fails the test on a non-200 answer. */
  get<T = any>(token: string, path: string): Promise<T>;
  token(role: 'director' | 'therapist' | 'researcher', sub: string): Promise<string>;
}

export async function startDemoApi(today = new Date().toISOString().slice(0, 10)): Promise<DemoApi> {
  const api = await startApi();
  const org = DEMO_OPTIONS.org;
  await seedThroughHttp(api.baseUrl, generateCohort({ ...DEMO_OPTIONS, today }));
  // As the demo seed does (seed-demo.ts): every facilitator gets a name, so the views show people by name.
  const head = (await api.http('GET', '/health')).body.eventStore.head as string;
  const groups = await api.http('GET', `/api/v1/groups?minPosition=${head}`, { token: await api.token('director', 'demo-seed', org) });
  const named = await nameDemoStaff(api.baseUrl, org, (groups.body.items as { facilitatorIds: string[] }[]).flatMap((g) => g.facilitatorIds).sort());
  await api.http('GET', `/api/v1/staff?minPosition=${named}`, { token: await api.token('director', 'demo-seed', org) });
  return {
    api,
    org,
    async get(token, path) {
      const result = await api.http('GET', `/api/v1${path}`, { token });
      if (result.status !== 200) throw new Error(`GET ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
      return result.body;
    },
    token: (role, sub) => api.token(role, sub, org),
  };
}

/** The dashboard's percent format: one decimal and a thin space before %, "—" when absent. */
export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`;
}
