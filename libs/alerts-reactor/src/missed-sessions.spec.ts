import { describe, expect, it } from '@jest/globals';
import { EventLog, replay } from '#testing/alerts-reactor';
import { alertSettings } from './settings.js';

const missed = (log: EventLog, settings = alertSettings()) =>
  replay(log.events, settings).alerts.filter((a) => a.alertType === 'missed_sessions');

describe('missed_sessions', () => {
  it('raises once per streak of 2 not-attended sessions: absent, unrecorded (attendance taken without them), excused', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.join('p-2', '2026-03-01');
    log.attendance('s1', '2026-03-02', { 'p-1': 'present', 'p-2': 'present' });
    log.attendance('s2', '2026-03-09', { 'p-1': 'absent', 'p-2': 'present' });
    const third = log.attendance('s3', '2026-03-16', { 'p-2': 'late' }); // p-1 unrecorded → streak of 2
    log.attendance('s4', '2026-03-23', { 'p-1': 'excused', 'p-2': 'present' }); // same streak, now 3: quiet
    log.attendance('s5', '2026-03-30', { 'p-1': 'present', 'p-2': 'present' });
    log.attendance('s6', '2026-04-06', { 'p-1': 'absent', 'p-2': 'present' });
    const seventh = log.attendance('s7', '2026-04-13', { 'p-1': 'absent', 'p-2': 'present' }); // new streak

    const alerts = missed(log);
    expect(alerts.map((a) => [a.participantId, a.message, a.cause?.eventId])).toEqual([
      ['p-1', 'Missed 2 sessions in a row (2026-03-09 to 2026-03-16).', third.eventId],
      ['p-1', 'Missed 2 sessions in a row (2026-04-06 to 2026-04-13).', seventh.eventId],
    ]);
    expect(alerts[0]).toMatchObject({ severity: 'medium', measureId: null, groupId: 'grp-1', raisedAt: '2026-03-16T12:00:00.000Z' });
  });

  it('a correction that turns an absence into presence before the streak completes raises nothing', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.attendance('s1', '2026-03-02', { 'p-1': 'absent' });
    log.attendance('s1', '2026-03-02', { 'p-1': 'present' }, { corrected: true, at: '2026-03-04T09:00:00Z' });
    log.attendance('s2', '2026-03-09', { 'p-1': 'absent' });

    expect(missed(log)).toEqual([]);
  });

  it('a correction after the alert neither withdraws it nor raises a second one for the shifted streak', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.attendance('s1', '2026-03-02', { 'p-1': 'absent' });
    log.attendance('s2', '2026-03-09', { 'p-1': 'absent' }); // alert (s1–s2)
    log.attendance('s3', '2026-03-16', { 'p-1': 'absent' });
    log.attendance('s1', '2026-03-02', { 'p-1': 'present' }, { corrected: true, at: '2026-03-17T09:00:00Z' }); // s2–s3 remain

    expect(missed(log).map((a) => a.key.split(':').at(-1))).toEqual(['s1']);
  });

  it('sessions before joining are not theirs; the length of a streak is a setting', () => {
    const log = new EventLog();
    log.attendance('s0', '2026-02-23', {});
    log.join('p-1', '2026-03-01');
    log.attendance('s0', '2026-02-23', {}, { corrected: true });
    log.attendance('s1', '2026-03-02', { 'p-1': 'absent' });
    expect(missed(log)).toEqual([]);

    log.attendance('s2', '2026-03-09', { 'p-1': 'absent' });
    expect(missed(log, alertSettings({ missedSessions: { inARow: 3 } }))).toEqual([]);
    log.attendance('s3', '2026-03-16', { 'p-1': 'excused' });
    expect(missed(log, alertSettings({ missedSessions: { inARow: 3 } })).map((a) => a.message)).toEqual([
      'Missed 3 sessions in a row (2026-03-02 to 2026-03-16).',
    ]);
  });

  it('a member of another group, a member who left, or a rejoined member (new episode) is counted apart', () => {
    const log = new EventLog();
    log.join('p-1', '2026-03-01');
    log.join('p-9', '2026-03-01', 'grp-2');
    log.attendance('s1', '2026-03-02', { 'p-1': 'absent' });
    log.leave('p-1', '2026-03-01', '2026-03-05');
    log.join('p-1', '2026-03-06');
    log.attendance('s2', '2026-03-09', { 'p-1': 'absent' }); // first miss of the new episode
    log.attendance('s3', '2026-03-16', { 'p-1': 'present' });

    expect(missed(log)).toEqual([]);
  });
});
