import { completionMilestones, measuresAt, milestonesUpTo } from './clinical.js';
import { addDays } from './dates.js';
import { IdSource } from './ids.js';
import { attendance, isDisengaged, newMember, type AttendanceStatus, type Member } from './member.js';
import type { Random } from './prng.js';
import type { Actor, ApiRequest, IncludeOptions, ProgramTemplate } from './requests.js';

export interface GroupPlan {
  readonly groupId: string;
  readonly programId: string;
  readonly template: ProgramTemplate;
  readonly name: string;
  readonly facilitators: readonly Actor[];
  readonly director: Actor;
  readonly startsOn: string;
  readonly sessions: number;
  readonly membersPerGroup: number;
  readonly today: string;
  readonly include: IncludeOptions;
  readonly ids: IdSource;
}

/**
 * One rolling group, week by week, as the requests its staff would send: members join (most at
 * the start, then to refill empty places), a weekly session with its attendance and the
 * questionnaires of the schedule, milestones, and leaves (completed after the planned weeks,
 * dropped out after missing sessions, now and then transferred).
 */
export function* simulateGroup(random: Random, plan: GroupPlan): Generator<ApiRequest> {
  const lane = `group:${plan.groupId}`;
  const { director, template, include } = plan;
  const groupPath = `/api/v1/groups/${plan.groupId}`;
  const nextId = () => plan.ids.next();
  const request = (kind: ApiRequest['kind'], method: ApiRequest['method'], path: string, body: Record<string, unknown>, actor: Actor): ApiRequest => ({ kind, method, path, body, actor, lane });
  const therapist = () => random.pick(plan.facilitators);

  yield request('group', 'POST', '/api/v1/groups', { groupId: plan.groupId, programId: plan.programId, name: plan.name, facilitatorIds: plan.facilitators.map((f) => f.sub), startsOn: plan.startsOn }, director);

  let active: Member[] = [];
  let previousDate: string | null = null;
  for (let index = 0; index < plan.sessions; index++) {
    const date = addDays(plan.startsOn, 7 * index);
    const newcomers = index === 0 ? Math.round(plan.membersPerGroup * random.between(0.7, 1)) : plan.membersPerGroup - active.length > 0 && random.chance(0.6) ? random.int(1, Math.min(2, plan.membersPerGroup - active.length)) : 0;
    for (let n = 0; n < newcomers; n++) {
      const joinedOn = previousDate === null ? plan.startsOn : addDays(previousDate, random.int(1, 7));
      const member = newMember(random, nextId(), template, joinedOn, plan.today);
      active.push(member);
      yield request('participant', 'POST', '/api/v1/participants', { participantId: member.participantId, programId: plan.programId, displayName: member.displayName, dateOfBirth: member.dateOfBirth, gender: member.gender }, director);
      yield request('join', 'POST', `${groupPath}/members`, { participantId: member.participantId, joinedOn }, director);
      if (include.consents) {
        yield request('consent', 'POST', `/api/v1/participants/${member.participantId}/consents`, { scope: 'tpo', status: 'granted', recordedOn: joinedOn }, director);
        if (member.researchConsent) yield request('consent', 'POST', `/api/v1/participants/${member.participantId}/consents`, { scope: 'research', status: 'granted', recordedOn: joinedOn }, director);
      }
    }

    const sessionId = nextId();
    const facilitator = therapist();
    yield request('session', 'POST', `${groupPath}/sessions`, { sessionId, date, durationMinutes: 90 }, facilitator);
    const statuses = new Map<Member, AttendanceStatus>(active.map((m) => [m, attendance(random, m)]));
    // About 1 in 50 members' rows is left blank: counted as unrecorded by the cohesion analysis.
    const records = active.filter(() => !random.chance(0.02)).map((m) => ({ participantId: m.participantId, status: statuses.get(m)! }));
    if (records.length > 0) {
      yield request('attendance', 'PUT', `${groupPath}/sessions/${sessionId}/attendance`, { records }, facilitator);
      const absentee = records.find((r) => r.status === 'absent');
      if (absentee && random.chance(0.05)) {
        // The facilitator learns the absence was excused and corrects the record (a correction event).
        const corrected = records.map((r) => (r === absentee ? { ...r, status: 'excused' as const } : r));
        yield request('attendance', 'PUT', `${groupPath}/sessions/${sessionId}/attendance`, { records: corrected }, facilitator);
      }
    }

    const groupMood = random.normal(0, 0.4);
    for (const member of active) {
      const status = statuses.get(member)!;
      const came = status === 'present' || status === 'late';
      member.sessionsSinceJoin += 1;
      member.attended += came ? 1 : 0;
      member.missedInARow = came ? 0 : member.missedInARow + 1;
      if (came && include.measures) {
        for (const body of measuresAt(random, nextId, member, template, sessionId, date, groupMood)) {
          yield request('measure', 'POST', `/api/v1/participants/${member.participantId}/measures`, { ...body }, facilitator);
        }
      }
      if (include.milestones) {
        for (const body of milestonesUpTo(random, nextId, member, template, date)) yield request('milestone', 'POST', `/api/v1/participants/${member.participantId}/milestones`, { ...body }, facilitator);
      }
    }

    // Leaves take effect the day after the session, so the member was enrolled on it.
    const leftOn = addDays(date, 1);
    for (const member of active) {
      const reason = leaveReason(random, member, template);
      if (!reason) continue;
      member.leftOn = leftOn;
      yield request('leave', 'POST', `${groupPath}/members/${member.participantId}/leave`, { leftOn, reason }, director);
      if (reason === 'completed' && include.milestones) {
        for (const body of completionMilestones(random, nextId, member, leftOn)) yield request('milestone', 'POST', `/api/v1/participants/${member.participantId}/milestones`, { ...body }, facilitator);
      }
    }
    active = active.filter((m) => m.leftOn === null);
    previousDate = date;
  }
}

function leaveReason(random: Random, member: Member, template: ProgramTemplate): 'completed' | 'dropped_out' | 'transferred' | null {
  if (member.sessionsSinceJoin >= template.plannedWeeks) return 'completed';
  if (isDisengaged(member) && member.missedInARow >= member.missLimit) return 'dropped_out';
  // Anyone missing four in a row has in practice stopped coming.
  if (member.missedInARow >= 4) return 'dropped_out';
  if (random.chance(0.004)) return 'transferred';
  return null;
}
