import { describe, expect, it } from '@jest/globals';
import type { NewEvent } from '#libs/events';
import { getInstrument, scoreResponse } from '#libs/instruments';
import { cohortAppends } from './cohort-events.js';
import { generateCohort } from './cohort.js';
import { DEMO_OPTIONS } from './demo.js';
import { fakeCipher } from './request-events.js';
import type { CohortOptions } from './requests.js';

const options: CohortOptions = { ...DEMO_OPTIONS, today: '2026-11-26' };
const appends = [...cohortAppends(options)];
const events = appends.flatMap((a) => a.events.map((event) => ({ stream: a.stream, event })));
const ofType = (type: string) => events.filter((e) => e.event.type === type).map((e) => ({ stream: e.stream, data: e.event.data as Record<string, any>, event: e.event }));
const requests = generateCohort(options);
const requestsOf = (kind: string) => requests.filter((r) => r.kind === kind);

describe('cohortAppends', () => {
  it('gives the same events, ids included, for the same options and other ones for another seed', () => {
    expect(JSON.stringify([...cohortAppends(options)])).toBe(JSON.stringify(appends));
    const other = [...cohortAppends({ ...options, seed: options.seed + 1 })];
    expect(other[0]!.events[0]!.eventId).not.toBe(appends[0]!.events[0]!.eventId);
  });

  it('makes one event per write request, as the api would, plus the critical-item alerts of measures', () => {
    expect(ofType('ProgramCreated')).toHaveLength(requestsOf('program').length);
    expect(ofType('GroupCreated')).toHaveLength(requestsOf('group').length);
    expect(ofType('ParticipantRegistered')).toHaveLength(requestsOf('participant').length);
    expect(ofType('MemberJoined')).toHaveLength(requestsOf('join').length);
    expect(ofType('MemberLeft')).toHaveLength(requestsOf('leave').length);
    expect(ofType('SessionScheduled')).toHaveLength(requestsOf('session').length);
    expect(ofType('AttendanceRecorded').length + ofType('AttendanceCorrected').length).toBe(requestsOf('attendance').length);
    expect(ofType('MeasureRecorded')).toHaveLength(requestsOf('measure').length);
    expect(ofType('MilestoneReached')).toHaveLength(requestsOf('milestone').length);
    expect(ofType('ConsentRecorded')).toHaveLength(requestsOf('consent').length);
    // PHQ-9 item 9 above 0 raises a critical-item alert (OUTCOMES.md "Alerts").
    const risky = ofType('MeasureRecorded').filter((m) => m.data['instrument'] === 'PHQ-9' && m.data['items'][8] > 0);
    expect(risky.length).toBeGreaterThan(0);
    expect(ofType('AlertRaised').map((a) => a.data['measureId']).sort()).toEqual(risky.map((m) => m.data['measureId']).sort());
  });

  it('scores each measure with the latest definition and ties session measures to the group of the session', () => {
    const groupOfSession = new Map(ofType('SessionScheduled').map((s) => [s.data['sessionId'], s.data['groupId']]));
    for (const { data, stream } of ofType('MeasureRecorded')) {
      const definition = getInstrument(data['instrument'])!;
      expect(data['instrumentVersion']).toBe(definition.version);
      expect(data['score']).toEqual(scoreResponse(definition, data['items']));
      expect(data['groupId']).toBe(groupOfSession.get(data['sessionId']));
      expect(stream).toBe(`participant-${data['participantId']}`);
    }
  });

  it('registers a participant on the day they join, and a leave carries the join date', () => {
    const joins = new Map(ofType('MemberJoined').map((j) => [`${j.data['groupId']}/${j.data['participantId']}`, j.data['joinedOn']]));
    const firstJoin = new Map<string, string>();
    for (const j of ofType('MemberJoined')) if (!firstJoin.has(j.data['participantId'])) firstJoin.set(j.data['participantId'], j.data['joinedOn']);
    for (const { data } of ofType('ParticipantRegistered')) {
      expect(data['registeredOn']).toBe(firstJoin.get(data['participantId']));
      expect(data['displayName']).toEqual(fakeCipher(data['participantId']));
      expect(data['ageBand']).toMatch(/^\d/);
    }
    for (const { data } of ofType('MemberLeft')) expect(data['joinedOn']).toBe(joins.get(`${data['groupId']}/${data['participantId']}`));
  });

  it('records a session attendance first, then corrects it, with the session date', () => {
    const seen = new Set<string>();
    const sessionDate = new Map(ofType('SessionScheduled').map((s) => [s.data['sessionId'], s.data['date']]));
    for (const e of events.filter((x) => x.event.type.startsWith('Attendance'))) {
      const data = e.event.data as Record<string, any>;
      expect(e.event.type).toBe(seen.has(data['sessionId']) ? 'AttendanceCorrected' : 'AttendanceRecorded');
      expect(data['date']).toBe(sessionDate.get(data['sessionId']));
      seen.add(data['sessionId']);
    }
  });

  it('fills the envelope: unique ids, org and actor, a business-day clock before today', () => {
    const all: NewEvent[] = events.map((e) => e.event);
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    for (const event of all) {
      expect(event.metadata.org).toBe(options.org);
      expect(event.metadata.actor.userId).toBeTruthy();
      expect(event.metadata.recordedAt < `${options.today}T00:00:00.000Z`).toBe(true);
    }
  });
});
