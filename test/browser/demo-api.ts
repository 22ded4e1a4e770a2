import { DEMO_OPTIONS, generateCohort, seedThroughHttp } from '#libs/synthetic';
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
