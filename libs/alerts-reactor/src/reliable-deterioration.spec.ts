import { describe, expect, it } from '@jest/globals';
import { EventLog, replay } from '#testing/alerts-reactor';
import { alertSettings } from './settings.js';

const PHQ = 'PHQ-9'; // lower is better, reliable change 6 (NHS Talking Therapies, cited in libs/instruments)

describe('reliable_deterioration', () => {
  it('raises when a score is ≥ 6 PHQ-9 points worse than the episode baseline, once per entry into deterioration', () => {
    const log = new EventLog();
    log.program([{ instrument: PHQ, every: 'week' }]);
    log.join('p-1', '2026-03-01');
    log.measure('p-1', PHQ, '2026-03-02', { total: 10 }, { measureId: 'm1' });
    log.measure('p-1', PHQ, '2026-03-09', { total: 15 }, { measureId: 'm2' }); // +5: not reliable
    log.measure('p-1', PHQ, '2026-03-16', { total: 16 }, { measureId: 'm3' }); // +6: reliable → alert
    log.measure('p-1', PHQ, '2026-03-23', { total: 18 }, { measureId: 'm4' }); // still worse: no new alert
    log.measure('p-1', PHQ, '2026-03-30', { total: 11 }, { measureId: 'm5' }); // back within 6
    log.measure('p-1', PHQ, '2026-04-06', { total: 17 }, { measureId: 'm6' }); // worse again → alert

    const alerts = replay(log.events).alerts.filter((a) => a.alertType === 'reliable_deterioration');

    expect(alerts.map((a) => a.measureId)).toEqual(['m3', 'm6']);
    expect(alerts[0]).toMatchObject({
      severity: 'high',
      participantId: 'p-1',
      programId: 'prog-1',
      groupId: 'grp-1',
      org: 'org-1',
      raisedAt: '2026-03-16T12:00:00.000Z',
      message: 'PHQ-9 reliably worse: 10 → 16 since the first score of this episode (6 points; reliable-change threshold 6).',
    });
  });

  it('a voided baseline does not count: the next valid score becomes the baseline', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.measure('p-1', PHQ, '2026-03-02', { total: 10 }, { measureId: 'm1' });
    log.measure('p-1', PHQ, '2026-03-09', { total: 15 }, { measureId: 'm2' });
    log.void('p-1', 'm1', '2026-03-10T09:00:00Z');
    log.measure('p-1', PHQ, '2026-03-16', { total: 16 }, { measureId: 'm3' }); // +1 from 15

    expect(replay(log.events).alerts).toEqual([]);
  });

  it('a voided worse score does not keep the member "already deteriorated"', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.measure('p-1', PHQ, '2026-03-02', { total: 10 }, { measureId: 'm1' });
    log.measure('p-1', PHQ, '2026-03-09', { total: 17 }, { measureId: 'm2' }); // alert
    log.void('p-1', 'm2', '2026-03-10T09:00:00Z');
    log.measure('p-1', PHQ, '2026-03-16', { total: 18 }, { measureId: 'm3' }); // previous valid is 10: a new entry

    expect(replay(log.events).alerts.map((a) => a.measureId)).toEqual(['m2', 'm3']);
  });

  it('an invalid measure is ignored: it is neither a baseline nor a trigger', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.measure('p-1', PHQ, '2026-03-01', { total: 2, valid: false }, { measureId: 'm0' });
    log.measure('p-1', PHQ, '2026-03-02', { total: 10 }, { measureId: 'm1' });
    log.measure('p-1', PHQ, '2026-03-09', { total: null, valid: false }, { measureId: 'm2' });
    log.measure('p-1', PHQ, '2026-03-16', { total: 16 }, { measureId: 'm3' });

    expect(replay(log.events).alerts.map((a) => a.measureId)).toEqual(['m3']);
  });

  it('SWEMWBS compares METRIC scores (threshold 3 metric points), not raw totals', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    // Raw 26 → 23 is −3 raw but −2.48 metric (23.21 → 20.73): not reliable.
    log.measure('p-1', 'SWEMWBS', '2026-03-02', { total: 26, metric: 23.21 }, { measureId: 's1' });
    log.measure('p-1', 'SWEMWBS', '2026-03-09', { total: 23, metric: 20.73 }, { measureId: 's2' });
    // Raw 22 is 19.98 metric: −3.23 from 23.21 → reliable deterioration.
    log.measure('p-1', 'SWEMWBS', '2026-03-16', { total: 22, metric: 19.98 }, { measureId: 's3' });

    const alerts = replay(log.events).alerts;
    expect(alerts.map((a) => a.measureId)).toEqual(['s3']);
    expect(alerts[0]!.message).toBe('SWEMWBS reliably worse: 23.21 → 19.98 since the first score of this episode (3.23 metric points; reliable-change threshold 3).');
  });

  it('a rejoin starts a new episode with a new baseline', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.measure('p-1', PHQ, '2026-03-02', { total: 10 }, { measureId: 'm1' });
    log.leave('p-1', '2026-03-01', '2026-03-05');
    log.join('p-1', '2026-04-01');
    log.measure('p-1', PHQ, '2026-04-02', { total: 16 }, { measureId: 'm2' }); // baseline of the new episode
    log.measure('p-1', PHQ, '2026-04-09', { total: 22 }, { measureId: 'm3' }); // +6 from 16

    expect(replay(log.events).alerts.map((a) => a.measureId)).toEqual(['m3']);
  });

  it('instruments without a published threshold raise nothing unless the settings give one', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.measure('p-1', 'BARC-10', '2026-03-02', { total: 50 }, { measureId: 'b1' });
    log.measure('p-1', 'BARC-10', '2026-03-09', { total: 40 }, { measureId: 'b2' });

    expect(replay(log.events).alerts).toEqual([]);
    const configured = alertSettings({ reliableChange: { 'BARC-10': 8 } });
    expect(replay(log.events, configured).alerts.map((a) => a.measureId)).toEqual(['b2']);
  });

  it('a re-scored baseline is compared with its new value', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.measure('p-1', PHQ, '2026-03-02', { total: 10 }, { measureId: 'm1' });
    log.add('MeasureRescored', { measureId: 'm1', participantId: 'p-1', programId: 'prog-1', instrument: PHQ, instrumentVersion: 2, score: { total: 8, valid: true } }, '2026-03-05T09:00:00Z');
    log.measure('p-1', PHQ, '2026-03-09', { total: 14 }, { measureId: 'm2' }); // +6 from the re-scored 8

    expect(replay(log.events).alerts.map((a) => a.message)).toEqual([
      'PHQ-9 reliably worse: 8 → 14 since the first score of this episode (6 points; reliable-change threshold 6).',
    ]);
  });
});
