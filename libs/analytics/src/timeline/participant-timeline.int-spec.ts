import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { migrate } from '#libs/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { EventLog, project } from '../cohesion/testing/event-log.js';
import { runParticipantTimeline } from './participant-timeline.query.js';

let chdb: TestChdbStore;
let store: AnalyticsStore;

/**
 * p1 (member of gA): PHQ-9 14 on 01-05 rescored (v2) to 15, PHQ-9 20 on 01-12 voided, PHQ-9
 * invalid on 01-19, SWEMWBS raw 21 / metric 19.25, GCQ-S subscales; attendance at s1 absent
 * corrected to present, s2 late; two milestones; an acknowledged and an open alert.
 * org-2 holds a p1 too, with other numbers.
 */
beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'timeline_it', readers: 2 });
  store = chdb.store;
  await migrate(store);
  const log = new EventLog('org-1', 'prog-1').program().group('gA').group('gB');
  log.join('gA', 'p1', '2026-01-01').session('gA', 's1', '2026-01-05').session('gA', 's2', '2026-01-12');
  log.attendance('gA', 's1', '2026-01-05', { p1: 'absent' }).attendance('gA', 's1', '2026-01-05', { p1: 'present' }, true);
  log.attendance('gA', 's2', '2026-01-12', { p1: 'late' });
  log.measure({ measureId: 'ph-1', participantId: 'p1', instrument: 'PHQ-9', administeredOn: '2026-01-05', groupId: 'gA', sessionId: 's1', score: { total: 14, band: 'moderate', caseness: true, valid: true } });
  log.rescore('ph-1', 'p1', 'PHQ-9', 2, { total: 15, band: 'moderately severe', caseness: true, valid: true });
  log.measure({ measureId: 'sw-1', participantId: 'p1', instrument: 'SWEMWBS', administeredOn: '2026-01-06', score: { total: 21, metric: 19.25, valid: true } });
  log.measure({ measureId: 'ph-2', participantId: 'p1', instrument: 'PHQ-9', administeredOn: '2026-01-12', score: { total: 20, band: 'severe', caseness: true, valid: true } }).void('ph-2', 'p1');
  log.measure({ measureId: 'gc-1', participantId: 'p1', instrument: 'GCQ-S', administeredOn: '2026-01-12', groupId: 'gA', sessionId: 's2', score: { total: null, subscales: { engagement: 4, avoidance: 2, conflict: null }, valid: true } });
  log.measure({ measureId: 'ph-3', participantId: 'p1', instrument: 'PHQ-9', administeredOn: '2026-01-19', score: { total: null, valid: false } });
  log.milestone('ms-1', 'p1', 'abstinent_30_days', '2026-01-31', 30).milestone('ms-2', 'p1', 'goal_achieved', '2026-01-20');
  log.alert({ alertId: 'al-1', participantId: 'p1', groupId: 'gA', alertType: 'critical_item', severity: 'high', raisedAt: '2026-01-05T18:00:00Z' }).acknowledge('al-1', 'p1', '2026-01-05T18:10:00Z');
  log.alert({ alertId: 'al-2', participantId: 'p1', groupId: 'gA', alertType: 'missed_sessions', severity: 'medium', raisedAt: '2026-01-13T09:00:00Z' });
  const other = new EventLog('org-2', 'prog-1').program().group('gA').join('gA', 'p1', '2026-01-01');
  other.measure({ measureId: 'ph-9', participantId: 'p1', instrument: 'ORS', administeredOn: '2026-01-05', score: { total: 1, valid: true } }).milestone('ms-9', 'p1', 'other', '2026-01-05');
  await project(store, log, other);
});
afterAll(async () => chdb.dispose());

describe('runParticipantTimeline against chDB', () => {
  it("returns the participant's measures (voided and invalid flagged), attendance, milestones, alerts and instrument lines", async () => {
    const timeline = await runParticipantTimeline(store, { org: 'org-1', participantId: 'p1' });
    expect(timeline).toEqual({
      participantId: 'p1',
      measures: [
        { measureId: 'ph-1', instrument: 'PHQ-9', instrumentVersion: 2, administeredOn: '2026-01-05', groupId: 'gA', sessionId: 's1', voided: false, score: { total: 15, band: 'moderately severe', caseness: true, valid: true } },
        { measureId: 'sw-1', instrument: 'SWEMWBS', instrumentVersion: 1, administeredOn: '2026-01-06', groupId: null, sessionId: null, voided: false, score: { total: 21, metric: 19.25, valid: true } },
        // same day and the same recording instant: ordered by measure id (gc-1 before ph-2).
        { measureId: 'gc-1', instrument: 'GCQ-S', instrumentVersion: 1, administeredOn: '2026-01-12', groupId: 'gA', sessionId: 's2', voided: false, score: { total: null, subscales: { engagement: 4, avoidance: 2, conflict: null }, valid: true } },
        { measureId: 'ph-2', instrument: 'PHQ-9', instrumentVersion: 1, administeredOn: '2026-01-12', groupId: null, sessionId: null, voided: true, score: { total: 20, band: 'severe', caseness: true, valid: true } },
        { measureId: 'ph-3', instrument: 'PHQ-9', instrumentVersion: 1, administeredOn: '2026-01-19', groupId: null, sessionId: null, voided: false, score: { total: null, valid: false } },
      ],
      attendance: [
        { sessionId: 's1', groupId: 'gA', date: '2026-01-05', status: 'present' },
        { sessionId: 's2', groupId: 'gA', date: '2026-01-12', status: 'late' },
      ],
      milestones: [
        { milestoneId: 'ms-2', type: 'goal_achieved', achievedOn: '2026-01-20', value: null },
        { milestoneId: 'ms-1', type: 'abstinent_30_days', achievedOn: '2026-01-31', value: 30 },
      ],
      alerts: [
        { alertId: 'al-2', type: 'missed_sessions', severity: 'medium', participantId: 'p1', groupId: 'gA', programId: 'prog-1', measureId: null, raisedAt: '2026-01-13T09:00:00.000Z', message: 'missed_sessions message', status: 'open', acknowledgedAt: null },
        { alertId: 'al-1', type: 'critical_item', severity: 'high', participantId: 'p1', groupId: 'gA', programId: 'prog-1', measureId: null, raisedAt: '2026-01-05T18:00:00.000Z', message: 'critical_item message', status: 'acknowledged', acknowledgedAt: '2026-01-05T18:10:00.000Z' },
      ],
      // OUTCOMES.md: PHQ-9 caseness ≥ 10, reliable change 6; SWEMWBS 3 metric points; GCQ-S none.
      instruments: [
        { id: 'GCQ-S', caseness: null, reliableChange: { threshold: null, units: 'total' }, direction: 'higher-is-better' },
        { id: 'PHQ-9', caseness: { op: '>=', value: 10 }, reliableChange: { threshold: 6, units: 'total' }, direction: 'lower-is-better' },
        { id: 'SWEMWBS', caseness: null, reliableChange: { threshold: 3, units: 'metric' }, direction: 'higher-is-better' },
      ],
    });
  });

  it('keeps a therapist to members of their groups', async () => {
    expect(await runParticipantTimeline(store, { org: 'org-1', participantId: 'p1', groupIds: ['gB'] })).toBeNull();
    expect(await runParticipantTimeline(store, { org: 'org-1', participantId: 'p1', groupIds: [] })).toBeNull();
    const mine = await runParticipantTimeline(store, { org: 'org-1', participantId: 'p1', groupIds: ['gA'] });
    expect(mine?.measures).toHaveLength(5);
  });

  it('gives empty lists for someone without rows and never mixes orgs', async () => {
    expect(await runParticipantTimeline(store, { org: 'org-1', participantId: 'p-none' })).toEqual({ participantId: 'p-none', measures: [], attendance: [], milestones: [], alerts: [], instruments: [] });
    const other = await runParticipantTimeline(store, { org: 'org-2', participantId: 'p1' });
    expect(other?.measures.map((m) => [m.measureId, m.score.total])).toEqual([['ph-9', 1]]);
    expect(other?.milestones.map((m) => m.milestoneId)).toEqual(['ms-9']);
    expect(other?.attendance).toEqual([]);
    expect(other?.alerts).toEqual([]);
    // ORS: clinical cutoff ≤ 25, reliable change 5 (OUTCOMES.md).
    expect(other?.instruments).toEqual([{ id: 'ORS', caseness: { op: '<=', value: 25 }, reliableChange: { threshold: 5, units: 'total' }, direction: 'higher-is-better' }]);
  });
});
