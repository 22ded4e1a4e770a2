import { describe, expect, it } from '@jest/globals';
import { EventLog, replay } from '#testing/alerts-reactor';
import { alertSettings } from './settings.js';

function gsrsAlerts(totals: readonly number[], settings = alertSettings()) {
  const log = new EventLog();
  log.join('p-1', '2026-03-01');
  totals.forEach((total, i) => log.measure('p-1', 'GSRS', `2026-03-${String(2 + 7 * i).padStart(2, '0')}`, { total }, { measureId: `g${i + 1}` }));
  return replay(log.events, settings).alerts.filter((a) => a.alertType === 'alliance_drop');
}

describe('alliance_drop (GSRS)', () => {
  it('raises on a fall of ≥ 1 point from the previous session, and on entering the < 36 zone', () => {
    // 38 → 37.5 (−0.5: quiet) → 36.4 (−1.1: drop) → 35.9 (−0.5 but enters < 36) → 34 (−1.9: drop) → 34.5 (rise)
    const alerts = gsrsAlerts([38, 37.5, 36.4, 35.9, 34, 34.5]);

    expect(alerts.map((a) => [a.measureId, a.message])).toEqual([
      ['g3', 'GSRS fell 1.1 points from the previous session (37.5 → 36.4).'],
      ['g4', 'GSRS is 35.9, < 36 (alert cutoff).'],
      ['g5', 'GSRS fell 1.9 points from the previous session (35.9 → 34).'],
    ]);
    expect(alerts[0]!.severity).toBe('medium');
  });

  it('a first score below the cutoff raises; a fall of exactly 1.0 counts despite floating point', () => {
    expect(gsrsAlerts([30]).map((a) => a.message)).toEqual(['GSRS is 30, < 36 (alert cutoff).']);
    // 32.8 − 31.8 = 0.9999999999999964 in binary floating point (both below 36: only the fall can raise).
    expect(gsrsAlerts([32.8, 31.8]).map((a) => [a.measureId, a.message])).toEqual([
      ['g1', 'GSRS is 32.8, < 36 (alert cutoff).'],
      ['g2', 'GSRS fell 1 point from the previous session (32.8 → 31.8).'],
    ]);
  });

  it('says both reasons when a fall also enters the zone', () => {
    expect(gsrsAlerts([37, 35]).map((a) => a.message)).toEqual(['GSRS fell 2 points from the previous session (37 → 35) and is 35, < 36 (alert cutoff).']);
  });

  it('the minimum fall and the cutoff are settings', () => {
    const settings = alertSettings({ allianceDrop: { minDropPoints: 3, alertCutoff: { op: '<', value: 30 } } });
    expect(gsrsAlerts([38, 36, 35], settings)).toEqual([]);
    expect(gsrsAlerts([38, 35], settings).map((a) => a.measureId)).toEqual(['g2']);
    expect(gsrsAlerts([31, 29], settings).map((a) => a.message)).toEqual(['GSRS is 29, < 30 (alert cutoff).']);
  });

  it('compares with the previous VALID, non-voided score', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.measure('p-1', 'GSRS', '2026-03-02', { total: 38 }, { measureId: 'g1' });
    log.measure('p-1', 'GSRS', '2026-03-09', { total: 39.5 }, { measureId: 'g2' });
    log.void('p-1', 'g2', '2026-03-10T08:00:00Z');
    log.measure('p-1', 'GSRS', '2026-03-16', { total: null, valid: false }, { measureId: 'g3' });
    log.measure('p-1', 'GSRS', '2026-03-23', { total: 38.5 }, { measureId: 'g4' }); // vs 38 (g2 voided): a rise

    expect(replay(log.events).alerts).toEqual([]);
  });
});
