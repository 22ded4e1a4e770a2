import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_OPTIONS } from '#libs/synthetic';
import { type ApiHarness, startApi } from '../testing/api-harness.js';
import { head } from '../testing/fixtures.js';
import { demoStaffName } from './demo-staff.js';
import { seedDemoOnFirstStart } from './seed-demo.js';

describe('the demo seed', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await seedDemoOnFirstStart(api.app, api.baseUrl);
  }, 120_000);
  afterAll(async () => api.close());

  it('names every facilitator of the demo, so the dashboard shows therapists by name', async () => {
    const director = await api.token('director', 'director-x', DEMO_OPTIONS.org);
    const at = `minPosition=${await head(api)}`;
    const groups = (await api.http('GET', `/api/v1/groups?${at}`, { token: director })).body.items as { facilitators: { userId: string; name: string | null }[] }[];
    const facilitators = groups.flatMap((g) => g.facilitators);
    expect(facilitators.length).toBeGreaterThan(1);
    expect(facilitators.every((f) => f.name === demoStaffName(f.userId))).toBe(true);
    const staff = (await api.http('GET', `/api/v1/staff?${at}`, { token: director })).body.items as { userId: string }[];
    expect(staff.map((s) => s.userId).sort()).toEqual([...new Set(facilitators.map((f) => f.userId))].sort());
  });

  it('appends nothing on a later start', async () => {
    const before = await head(api);
    await seedDemoOnFirstStart(api.app, api.baseUrl);
    expect(await head(api)).toBe(before);
  });
});
