import { z } from 'zod';
import { defineRoute } from '../openapi/routes.js';
import { calendarDate, instrumentId, userId, uuid } from '../shared/schemas.js';

const window = { from: calendarDate.optional(), to: calendarDate.optional(), minPosition: z.string().optional() };

/** The analytics endpoints' query schemas: they validate requests and describe them in OpenAPI. */
export const analyticsRoutes = {
  cohesion: defineRoute({
    method: 'get',
    path: '/groups/{groupId}/cohesion',
    summary: 'Group cohesion per session: attendance, GSRS and GCQ-S mean/SD/n, flags',
    tag: 'analytics',
    status: 200,
    query: z.object(window),
  }),
  members: defineRoute({ method: 'get', path: '/groups/{groupId}/members', summary: "A group's member table: names, dose, consecutive missed sessions, latest scores", tag: 'analytics', status: 200 }),
  outcomes: defineRoute({
    method: 'get',
    path: '/programs/{programId}/outcomes',
    summary: 'Program outcomes per instrument (threshold or Jacobson–Truax), effect size, ICC, by group and therapist',
    tag: 'analytics',
    status: 200,
    query: z.object({
      ...window,
      instrument: instrumentId,
      method: z.enum(['threshold', 'jacobson-truax']).default('threshold'),
      groupId: uuid.optional(),
      therapistId: userId.optional(),
      // A page of byGroup and byTherapist (docs/api-additions.md); byGroupTotal/byTherapistTotal count them all.
      breakdownLimit: z.coerce.number().int().min(0).max(10_000).optional(),
      breakdownOffset: z.coerce.number().int().min(0).optional(),
    }),
  }),
  attendance: defineRoute({
    method: 'get',
    path: '/programs/{programId}/attendance',
    summary: "Attendance over the program's sessions in a window: places (members enrolled on each date), present, late, absent, excused, unrecorded, rate",
    tag: 'analytics',
    status: 200,
    query: z.object({ ...window, groupId: uuid.optional() }),
  }),
  retention: defineRoute({
    method: 'get',
    path: '/programs/{programId}/retention',
    summary: 'Kaplan–Meier retention (days from joining to dropping out) with Greenwood 95 % CI and median',
    tag: 'analytics',
    status: 200,
    query: z.object({ ...window, groupId: uuid.optional(), cohort: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM').optional() }),
  }),
  trends: defineRoute({
    method: 'get',
    path: '/programs/{programId}/trends',
    summary: 'Mean score and milestones per week or month',
    tag: 'analytics',
    status: 200,
    query: z.object({ ...window, instrument: instrumentId, bucket: z.enum(['week', 'month']).default('month') }),
  }),
  timeline: defineRoute({ method: 'get', path: '/participants/{participantId}/timeline', summary: "A participant's measures, attendance, milestones and alerts", tag: 'analytics', status: 200 }),
};
