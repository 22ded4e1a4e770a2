import { describe, expect, it } from '@jest/globals';
import { EventLog, replay } from '#testing/alerts-reactor';
import { alertSettings } from './settings.js';

const tick = (iso: string) => ({ tick: new Date(iso) });
const overdue = (entries: Parameters<typeof replay>[0], settings = alertSettings()) =>
  replay(entries, settings).alerts.filter((a) => a.alertType === 'measure_overdue');

describe('measure_overdue', () => {
  it('weekly: due 7 days after joining (or after the latest valid score), overdue past 3 days of grace, once per due date', () => {
    const log = new EventLog();
    log.program([{ instrument: 'PHQ-9', every: 'week' }]);
    log.join('p-1', '2026-03-02');
    const beforeScore = [
      ...log.events,
      tick('2026-03-12T10:00:00Z'), // due 03-09, grace to 03-12: not yet
      tick('2026-03-13T10:00:00Z'), // overdue
      tick('2026-03-14T10:00:00Z'), // same period: nothing new
    ];
    const first = overdue(beforeScore);
    expect(first.map((a) => [a.raisedAt, a.message, a.cause])).toEqual([
      ['2026-03-13T10:00:00.000Z', 'PHQ-9 overdue (every week): due 2026-03-09, no valid score since joining on 2026-03-02.', null],
    ]);
    expect(first[0]).toMatchObject({ severity: 'low', measureId: null, key: `${log.events[1]!.eventId}:measure_overdue:PHQ-9:2026-03-09` });

    log.measure('p-1', 'PHQ-9', '2026-03-14', { total: 12 });
    const afterScore = overdue([...beforeScore, log.events.at(-1)!, tick('2026-03-24T10:00:00Z'), tick('2026-03-25T10:00:00Z')]);
    expect(afterScore.map((a) => a.message)).toEqual([
      'PHQ-9 overdue (every week): due 2026-03-09, no valid score since joining on 2026-03-02.',
      'PHQ-9 overdue (every week): due 2026-03-21, latest valid score 2026-03-14.',
    ]);
  });

  it('reads "today" in the program time zone', () => {
    const log = new EventLog();
    log.program([{ instrument: 'PHQ-9', every: 'week' }], 'Pacific/Auckland');
    log.join('p-1', '2026-03-02');
    // 23:30 UTC on 03-12 is already 03-13 in Auckland (UTC+13 in March).
    expect(overdue([...log.events, tick('2026-03-12T23:30:00Z')])).toHaveLength(1);

    const utc = new EventLog();
    utc.program([{ instrument: 'PHQ-9', every: 'week' }], 'UTC');
    utc.join('p-1', '2026-03-02');
    expect(overdue([...utc.events, tick('2026-03-12T23:30:00Z')])).toEqual([]);
  });

  it('every 4 weeks, with the grace as a setting; an invalid or voided score does not reset the clock', () => {
    const log = new EventLog();
    log.program([{ instrument: 'CORE-10', every: '4weeks' }]);
    log.join('p-1', '2026-03-02');
    log.measure('p-1', 'CORE-10', '2026-03-30', { total: null, valid: false });
    log.measure('p-1', 'CORE-10', '2026-03-31', { total: 12 }, { measureId: 'voided' });
    log.void('p-1', 'voided', '2026-03-31T15:00:00Z');
    // Due 03-30 (28 days after joining); grace 0 → overdue on 03-31.
    const settings = alertSettings({ measureOverdue: { graceDays: 0 } });
    expect(overdue([...log.events, tick('2026-03-30T10:00:00Z')], settings)).toEqual([]);
    expect(overdue([...log.events, tick('2026-03-31T16:00:00Z')], settings).map((a) => a.message)).toEqual([
      'CORE-10 overdue (every 4 weeks): due 2026-03-30, no valid score since joining on 2026-03-02.',
    ]);
  });

  it('every session: each ATTENDED session needs a score for that session or on its date', () => {
    const log = new EventLog();
    log.program([{ instrument: 'GSRS', every: 'session' }]);
    log.join('p-1', '2026-03-01');
    log.attendance('s1', '2026-03-02', { 'p-1': 'present' });
    log.measure('p-1', 'GSRS', '2026-03-03', { total: 38 }, { sessionId: 's1' }); // given a day late, for s1
    log.attendance('s2', '2026-03-09', { 'p-1': 'present' }); // no score
    log.attendance('s3', '2026-03-16', { 'p-1': 'absent' }); // nothing due
    log.attendance('s4', '2026-03-23', { 'p-1': 'late' });
    log.measure('p-1', 'GSRS', '2026-03-23', { total: 37 }); // same date, no session id: counts

    const alerts = overdue([...log.events, tick('2026-04-01T10:00:00Z'), tick('2026-04-02T10:00:00Z')]);
    expect(alerts.map((a) => [a.message, a.cause?.eventId ?? null])).toEqual([
      // Decided on the first event after the grace ended (s3's attendance, recorded 03-16).
      ['GSRS overdue (every session): no valid score for the session of 2026-03-09.', log.events[5]!.eventId],
    ]);
  });

  it('a member who left, an erased participant, or a member of a closed group is never overdue', () => {
    const log = new EventLog();
    log.program([{ instrument: 'PHQ-9', every: 'week' }]);
    log.join('p-1', '2026-03-02');
    log.join('p-2', '2026-03-02');
    log.join('p-3', '2026-03-02', 'grp-2');
    log.join('p-4', '2026-03-02', 'grp-3');
    log.leave('p-1', '2026-03-02', '2026-03-05');
    log.erase('p-2', '2026-03-06T10:00:00Z');
    log.add('GroupClosed', { groupId: 'grp-2', programId: 'prog-1', closedOn: '2026-03-07' }, '2026-03-07T10:00:00Z');

    expect(overdue([...log.events, tick('2026-05-01T10:00:00Z')]).map((a) => a.participantId)).toEqual(['p-4']);
  });

  it('is also decided on events: a score of another instrument finds this one overdue', () => {
    const log = new EventLog();
    log.program([
      { instrument: 'PHQ-9', every: 'week' },
      { instrument: 'GAD-7', every: 'week' },
    ]);
    log.join('p-1', '2026-03-02');
    log.measure('p-1', 'PHQ-9', '2026-03-06', { total: 9 });
    const gad = log.measure('p-1', 'GAD-7', '2026-03-20', { total: 9 });

    expect(overdue(log.events).map((a) => [a.message, a.cause?.eventId])).toEqual([
      ['PHQ-9 overdue (every week): due 2026-03-13, latest valid score 2026-03-06.', gad.eventId],
    ]);
  });
});
