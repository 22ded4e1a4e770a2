import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/events';
import { EventLog, replay } from '#testing/alerts-reactor';
import { alertEventIdFor, alertIdFor, uuidV5 } from './alert-ids.js';
import { toAlertRaised } from './alert-event.js';
import { decideAlerts } from './decide.js';
import { evolve } from './evolve.js';
import { defaultAlertSettings } from './settings.js';
import { initialReactorState } from './state.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function deteriorating(log = new EventLog()): EventLog {
  log.program([{ instrument: 'PHQ-9', every: 'week' }]);
  log.join('p-1', '2026-03-01');
  log.measure('p-1', 'PHQ-9', '2026-03-02', { total: 10 }, { measureId: 'm1' });
  log.measure('p-1', 'PHQ-9', '2026-03-09', { total: 17 }, { measureId: 'm2' });
  return log;
}

/** The AlertRaised the runner would have appended, as it comes back from the store. */
function readBack(decision: ReturnType<typeof replay>['alerts'][number], position: bigint): RecordedEvent {
  const { stream, event } = toAlertRaised(decision, new Date('2026-03-09T12:00:01Z'));
  return { ...event, stream, revision: 2, position };
}

describe('uuidV5', () => {
  it('matches the RFC 9562 test vector (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('deterministic ids', () => {
  it('the same log gives the same alert and event ids, derived from the cause', () => {
    const first = replay(deteriorating().events).alerts;
    const second = replay(deteriorating().events).alerts;

    expect(first).toHaveLength(1);
    expect(second).toEqual(first);
    const [alert] = first;
    expect(alert!.key).toBe('evt-2:m2:reliable_deterioration');
    expect(alert!.alertId).toBe(alertIdFor(alert!.key));
    expect(alert!.eventId).toBe(alertEventIdFor(alert!.key));
    expect(alert!.alertId).toMatch(UUID_V5);
    expect(alert!.eventId).toMatch(UUID_V5);
    expect(alert!.eventId).not.toBe(alert!.alertId);
  });

  it('the AlertRaised event names the reactor, the cause and its correlation, and only ids and numbers', () => {
    const log = deteriorating();
    const [alert] = replay(log.events).alerts;
    const { stream, event } = toAlertRaised(alert!, new Date('2026-03-09T12:00:05Z'));

    expect(stream).toBe('participant-p-1');
    expect(event).toEqual({
      eventId: alert!.eventId,
      type: 'AlertRaised',
      schemaVersion: 1,
      data: {
        alertId: alert!.alertId,
        participantId: 'p-1',
        programId: 'prog-1',
        groupId: 'grp-1',
        alertType: 'reliable_deterioration',
        severity: 'high',
        message: 'PHQ-9 reliably worse: 10 → 17 since the first score of this episode (7 points; reliable-change threshold 6).',
        measureId: 'm2',
        raisedAt: '2026-03-09T12:00:00.000Z',
      },
      metadata: {
        org: 'org-1',
        actor: { userId: 'alerts-reactor', role: 'system' },
        occurredAt: '2026-03-09T12:00:00.000Z',
        recordedAt: '2026-03-09T12:00:05.000Z',
        correlationId: log.events[3]!.metadata.correlationId,
        causationId: log.events[3]!.eventId,
      },
    });
  });

  it('an alert read back from the log is not decided again, and AlertRaised triggers nothing', () => {
    const log = deteriorating();
    const [alert] = replay(log.events).alerts;
    const ours = readBack(alert!, 5n);

    // A state folded from the log alone (nothing marked by decisions) still knows the alert.
    const state = initialReactorState();
    [...log.events, ours].forEach((event) => evolve(state, event));
    const cause = log.events[3]!;
    expect(decideAlerts(state, cause, defaultAlertSettings, new Date(cause.metadata.recordedAt))).toEqual([]);
    expect(decideAlerts(state, ours, defaultAlertSettings, new Date('2026-03-09T12:00:00Z'))).toEqual([]);
    // Without our read-back alert the same fold would decide it: the check above can fail.
    const fresh = initialReactorState();
    log.events.forEach((event) => evolve(fresh, event));
    expect(decideAlerts(fresh, cause, defaultAlertSettings, new Date(cause.metadata.recordedAt))).toHaveLength(1);
  });
});

describe('erased participant', () => {
  it('drops their state and raises nothing for them afterwards, whatever arrives', () => {
    const log = new EventLog();
    log.program([{ instrument: 'PHQ-9', every: 'week' }]);
    log.join('p-1', '2026-03-01');
    log.measure('p-1', 'PHQ-9', '2026-03-02', { total: 10 });
    log.erase('p-1', '2026-03-03T09:00:00Z');
    log.measure('p-1', 'PHQ-9', '2026-03-09', { total: 20 });
    log.join('p-1', '2026-03-10');
    log.attendance('s1', '2026-03-16', { 'p-1': 'absent' });
    log.attendance('s2', '2026-03-23', { 'p-1': 'absent' });

    const { state, alerts } = replay([...log.events, { tick: new Date('2026-06-01T00:00:00Z') }]);
    expect(alerts).toEqual([]);
    expect(state.episodes.has('p-1')).toBe(false);
    expect(state.groups.has('grp-1')).toBe(false);
  });
});
