import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { migrate } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { runGroupMembers } from './group-members.query.js';
import { groupDataset } from './testing/group-dataset.js';
import { project } from './testing/event-log.js';

let chdb: TestChdbStore;
let store: AnalyticsStore;

beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'members_it', readers: 2 });
  store = chdb.store;
  await migrate(store);
  await project(store, ...groupDataset());
});
afterAll(async () => chdb.dispose());

describe('runGroupMembers against chDB (hand-worked group in testing/group-dataset.ts)', () => {
  it('lists episodes with dose, missed run and latest valid scores; joins per month; median tenure', async () => {
    const result = await runGroupMembers(store, { org: 'org-1', groupId: 'g1', today: '2026-01-26' });
    expect(result).toEqual({
      groupId: 'g1',
      members: [
        // s0 present, s1 present, s2 excused, s3 present, s4 unrecorded → dose 3, missed run 1.
        // PHQ-9: the 01-22 one is voided and the 01-23 one invalid, so 01-20's 12 stands.
        // GSRS: of two answers on 01-19 the later recorded (33).
        {
          participantId: 'alice', joinedOn: '2025-12-29', leftOn: null, reason: null, dose: 3, consecutiveMissed: 1,
          latest: [
            { instrument: 'GCQ-S', administeredOn: '2026-01-12', total: null },
            { instrument: 'GSRS', administeredOn: '2026-01-19', total: 33 },
            { instrument: 'PHQ-9', administeredOn: '2026-01-20', total: 12, band: 'moderate', caseness: true },
          ],
        },
        // enrolled s0–s2: present, absent, present → dose 2, run 0 (s3 is his leftOn).
        // GSRS: s2's 10 is voided → s1's 20.
        {
          participantId: 'bob', joinedOn: '2025-12-29', leftOn: '2026-01-19', reason: 'dropped_out', dose: 2, consecutiveMissed: 0,
          latest: [{ instrument: 'GSRS', administeredOn: '2026-01-05', total: 20 }],
        },
        // s1 late (corrected), s2 absent, s3 and s4 unrecorded → dose 1, run 3. s2 GSRS invalid → s1's 34.
        {
          participantId: 'dave', joinedOn: '2026-01-05', leftOn: null, reason: null, dose: 1, consecutiveMissed: 3,
          latest: [
            { instrument: 'GSRS', administeredOn: '2026-01-05', total: 34 },
            { instrument: 'SWEMWBS', administeredOn: '2026-01-10', total: 21, metric: 19.25 },
          ],
        },
        // joined late: s2 present, s3 late, s4 unrecorded → dose 2, run 1. GSRS rescored 35 → 25.
        {
          participantId: 'carol', joinedOn: '2026-01-12', leftOn: null, reason: null, dose: 2, consecutiveMissed: 1,
          latest: [
            { instrument: 'GCQ-S', administeredOn: '2026-01-12', total: null },
            { instrument: 'GSRS', administeredOn: '2026-01-19', total: 25 },
          ],
        },
      ],
      // joins: alice, bob in 2025-12; dave, carol in 2026-01; bob left in 2026-01.
      joinsByMonth: [
        { month: '2025-12', joins: 2, leaves: 0 },
        { month: '2026-01', joins: 2, leaves: 1 },
      ],
      // tenures: alice 12-29→01-26 = 28, bob 12-29→01-19 = 21, dave 01-05→01-26 = 21,
      // carol 01-12→01-26 = 14 → sorted 14, 21, 21, 28 → median (21 + 21)/2 = 21.
      medianTenureDays: 21,
    });
  });

  it('does not count a session after today as missed', async () => {
    const result = await runGroupMembers(store, { org: 'org-1', groupId: 'g1', today: '2026-01-25' });
    // s4 (01-26) not yet held: alice run 0, dave 2 (s2 absent, s3 unrecorded), carol 0.
    expect(result.members.map((m) => [m.participantId, m.dose, m.consecutiveMissed])).toEqual([
      ['alice', 3, 0], ['bob', 2, 0], ['dave', 1, 2], ['carol', 2, 0],
    ]);
    // tenures 27, 21, 20, 13 → median (20 + 21)/2 = 20.5.
    expect(result.medianTenureDays).toBe(20.5);
  });

  it('answers an empty group and a single member', async () => {
    expect(await runGroupMembers(store, { org: 'org-1', groupId: 'g-empty', today: '2026-01-26' })).toEqual({ groupId: 'g-empty', members: [], joinsByMonth: [], medianTenureDays: null });
    const single = await runGroupMembers(store, { org: 'org-1', groupId: 'g-single', today: '2026-01-26' });
    // solo joined 01-06: tenure 20 days; one session attended.
    expect(single).toEqual({
      groupId: 'g-single',
      members: [{ participantId: 'solo', joinedOn: '2026-01-06', leftOn: null, reason: null, dose: 1, consecutiveMissed: 0, latest: [{ instrument: 'GSRS', administeredOn: '2026-01-06', total: 31.5 }] }],
      joinsByMonth: [{ month: '2026-01', joins: 1, leaves: 0 }],
      medianTenureDays: 20,
    });
  });

  it("keeps orgs apart and therapists to their groups", async () => {
    const other = await runGroupMembers(store, { org: 'org-2', groupId: 'g1', today: '2026-01-26' });
    // org-2's alice has only her GSRS 0 of org-2, none of org-1's measures.
    expect(other.members.map((m) => [m.participantId, m.dose, m.consecutiveMissed, m.latest])).toEqual([
      ['alice', 0, 1, [{ instrument: 'GSRS', administeredOn: '2026-01-05', total: 0 }]],
      ['zed', 0, 1, [{ instrument: 'GSRS', administeredOn: '2026-01-05', total: 0 }]],
    ]);
    const notMine = await runGroupMembers(store, { org: 'org-1', groupId: 'g1', groupIds: ['g-single'], today: '2026-01-26' });
    expect(notMine).toEqual({ groupId: 'g1', members: [], joinsByMonth: [], medianTenureDays: null });
  });
});
