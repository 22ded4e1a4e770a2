import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { migrate } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { EventLog, project } from '../cohesion/testing/event-log.js';
import { runAlerts } from './alerts.query.js';

let chdb: TestChdbStore;
let store: AnalyticsStore;

/**
 * org-1: a1 critical item in gA (p1) acknowledged; a2 missed sessions in gB (p2) open;
 * a3 critical item without a group about p1 (member of gA) open; a4 without a group about
 * p9 (member of no group) open. org-2: a1 with the same id, open, must never show in org-1.
 */
beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'alerts_it', readers: 1 });
  store = chdb.store;
  await migrate(store);
  const log = new EventLog('org-1', 'prog-1').program().group('gA').group('gB');
  log.join('gA', 'p1', '2026-01-01').join('gB', 'p2', '2026-01-01');
  log.alert({ alertId: 'a1', participantId: 'p1', groupId: 'gA', alertType: 'critical_item', severity: 'high', raisedAt: '2026-01-05T18:00:00Z' });
  log.acknowledge('a1', 'p1', '2026-01-05T19:30:00+01:00');
  log.alert({ alertId: 'a2', participantId: 'p2', groupId: 'gB', alertType: 'missed_sessions', severity: 'medium', raisedAt: '2026-01-12T08:00:00Z' });
  log.alert({ alertId: 'a3', participantId: 'p1', groupId: null, alertType: 'critical_item', severity: 'high', raisedAt: '2026-01-10T10:15:30.250Z' });
  log.alert({ alertId: 'a4', participantId: 'p9', groupId: null, alertType: 'overdue', severity: 'low', raisedAt: '2026-01-11T00:00:00Z' });
  const other = new EventLog('org-2', 'prog-1').program();
  other.alert({ alertId: 'a1', participantId: 'p1', groupId: 'gA', alertType: 'critical_item', severity: 'high', raisedAt: '2026-01-20T00:00:00Z' });
  await project(store, log, other);
});
afterAll(async () => chdb.dispose());

const ids = (items: { alertId: string }[]) => items.map((i) => i.alertId);

describe('runAlerts against chDB', () => {
  it('lists every alert of the org, newest first, with status and UTC instants', async () => {
    const { items } = await runAlerts(store, { org: 'org-1' });
    expect(ids(items)).toEqual(['a2', 'a4', 'a3', 'a1']);
    expect(items[3]).toEqual({
      alertId: 'a1', type: 'critical_item', severity: 'high', participantId: 'p1', groupId: 'gA', programId: 'prog-1', measureId: null,
      raisedAt: '2026-01-05T18:00:00.000Z', message: 'critical_item message', status: 'acknowledged',
      acknowledgedAt: '2026-01-05T18:30:00.000Z', // 19:30 at +01:00
    });
    expect(items[2]).toMatchObject({ alertId: 'a3', groupId: null, raisedAt: '2026-01-10T10:15:30.250Z', status: 'open', acknowledgedAt: null });
  });

  it('filters by status', async () => {
    expect(ids((await runAlerts(store, { org: 'org-1', status: 'open' })).items)).toEqual(['a2', 'a4', 'a3']);
    expect(ids((await runAlerts(store, { org: 'org-1', status: 'acknowledged' })).items)).toEqual(['a1']);
  });

  it("keeps a therapist to their groups' alerts and their members' alerts without a group", async () => {
    // gA: a1 (in gA) and a3 (no group, p1 is a gA member); not a2 (gB) nor a4 (p9 in no group).
    expect(ids((await runAlerts(store, { org: 'org-1', groupIds: ['gA'] })).items)).toEqual(['a3', 'a1']);
    expect(ids((await runAlerts(store, { org: 'org-1', groupIds: ['gB'], status: 'open' })).items)).toEqual(['a2']);
    expect((await runAlerts(store, { org: 'org-1', groupIds: [] })).items).toEqual([]);
  });

  it('narrows by participant, group, program and limit; never shows another org', async () => {
    expect(ids((await runAlerts(store, { org: 'org-1', participantId: 'p1' })).items)).toEqual(['a3', 'a1']);
    expect(ids((await runAlerts(store, { org: 'org-1', groupId: 'gB' })).items)).toEqual(['a2']);
    expect((await runAlerts(store, { org: 'org-1', programId: 'prog-2' })).items).toEqual([]);
    expect(ids((await runAlerts(store, { org: 'org-1', limit: 2 })).items)).toEqual(['a2', 'a4']);
    const other = await runAlerts(store, { org: 'org-2' });
    expect(other.items).toHaveLength(1);
    expect(other.items[0]).toMatchObject({ alertId: 'a1', status: 'open', raisedAt: '2026-01-20T00:00:00.000Z' });
    expect((await runAlerts(store, { org: 'org-3' })).items).toEqual([]);
  });
});
