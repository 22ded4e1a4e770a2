import { describe, expect, it } from '@jest/globals';
import { EventLog, replay } from '#testing/alerts-reactor';
import { alertSettings } from './settings.js';

/** Six weekly sessions from 2026-03-02, all attended by p-1. */
function attendSessions(log: EventLog, count: number, from = 1): void {
  for (let i = from; i < from + count; i++) {
    const date = new Date(Date.UTC(2026, 2, 2 + 7 * (i - 1))).toISOString().slice(0, 10);
    log.attendance(`s${i}`, date, { 'p-1': 'present' });
  }
}

function notImproving(log: EventLog, settings = alertSettings()) {
  return replay(log.events, settings).alerts.filter((a) => a.alertType === 'not_improving');
}

function program(log: EventLog): void {
  // GSRS has no reliable-change threshold, so PHQ-9 (the next one) is the primary instrument.
  log.program([
    { instrument: 'GSRS', every: 'session' },
    { instrument: 'PHQ-9', every: 'week' },
  ]);
  log.join('p-1', '2026-03-01');
}

describe('not_improving', () => {
  it('raises once, at the 6th attended session, when no PHQ-9 score improved by ≥ 6 from baseline', () => {
    const log = new EventLog();
    program(log);
    log.measure('p-1', 'PHQ-9', '2026-03-02', { total: 15 }, { measureId: 'b' });
    log.measure('p-1', 'PHQ-9', '2026-03-16', { total: 10 }, { measureId: 'f' }); // −5: not reliable
    attendSessions(log, 5);
    expect(notImproving(log)).toEqual([]);
    const sixth = log.attendance('s6', '2026-04-06', { 'p-1': 'late' });
    log.attendance('s7', '2026-04-13', { 'p-1': 'present' });

    const alerts = notImproving(log);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      cause: { eventId: sixth.eventId, correlationId: sixth.metadata.correlationId },
      measureId: 'f',
      severity: 'medium',
      message: 'No reliable improvement on PHQ-9 after 6 attended sessions (first 15, latest 10; reliable-change threshold 6).',
    });
  });

  it('stays quiet when any later score showed reliable improvement, even if it slipped back', () => {
    const log = new EventLog();
    program(log);
    log.measure('p-1', 'PHQ-9', '2026-03-02', { total: 15 });
    log.measure('p-1', 'PHQ-9', '2026-03-16', { total: 9 }); // −6: reliable improvement
    log.measure('p-1', 'PHQ-9', '2026-03-30', { total: 12 });
    attendSessions(log, 8);

    expect(notImproving(log)).toEqual([]);
  });

  it('needs a follow-up score: raised by the measure that arrives after the 6th session', () => {
    const log = new EventLog();
    program(log);
    log.measure('p-1', 'PHQ-9', '2026-03-02', { total: 15 });
    attendSessions(log, 7);
    expect(notImproving(log)).toEqual([]);
    const followUp = log.measure('p-1', 'PHQ-9', '2026-04-13', { total: 14 }, { measureId: 'late' });

    expect(notImproving(log).map((a) => [a.cause?.eventId, a.measureId])).toEqual([[followUp.eventId, 'late']]);
  });

  it('absences do not count as sessions; N is a setting; a rejoin asks again', () => {
    const log = new EventLog();
    program(log);
    log.measure('p-1', 'PHQ-9', '2026-03-02', { total: 15 });
    log.measure('p-1', 'PHQ-9', '2026-03-09', { total: 14 });
    log.attendance('s1', '2026-03-02', { 'p-1': 'present' });
    log.attendance('s2', '2026-03-09', { 'p-1': 'absent' });
    log.attendance('s3', '2026-03-16', { 'p-1': 'excused' });
    log.attendance('s4', '2026-03-23', { 'p-1': 'present' });
    const settings = alertSettings({ notImproving: { afterAttendedSessions: 3 }, missedSessions: { enabled: false } });
    expect(notImproving(log, settings)).toEqual([]);
    log.attendance('s5', '2026-03-30', { 'p-1': 'present' });
    expect(notImproving(log, settings)).toHaveLength(1);

    log.leave('p-1', '2026-03-01', '2026-04-01');
    log.join('p-1', '2026-04-02');
    log.measure('p-1', 'PHQ-9', '2026-04-06', { total: 15 });
    log.measure('p-1', 'PHQ-9', '2026-04-13', { total: 15 });
    attendSessions(log, 3, 6);
    expect(notImproving(log, settings)).toHaveLength(2);
  });

  it('a program with no instrument that has a reliable-change threshold has no primary instrument', () => {
    const log = new EventLog();
    log.program([{ instrument: 'GSRS', every: 'session' }]);
    log.join('p-1', '2026-03-01');
    log.measure('p-1', 'GSRS', '2026-03-02', { total: 38 });
    log.measure('p-1', 'GSRS', '2026-03-09', { total: 38 });
    attendSessions(log, 6);

    expect(notImproving(log)).toEqual([]);
  });
});
