import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { streams } from '#libs/events';
import { IdGenerator } from '#libs/system';
import { CLINICAL_WRITERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { defineRoute } from '../openapi/routes.js';
import { participantDecider, requireNotErased } from '../participants/participant.decider.js';
import { calendarDate, uuid, writeResponse } from '../shared/schemas.js';
import { GroupWriter } from './group-writer.js';
import type { GroupCommand } from './group.decider.js';

export const joinRoute = defineRoute({
  method: 'post',
  path: '/groups/{groupId}/members',
  summary: 'Add a participant to a group',
  tag: 'groups',
  status: 201,
  body: z.strictObject({ participantId: uuid, joinedOn: calendarDate }),
});

export const leaveRoute = defineRoute({
  method: 'post',
  path: '/groups/{groupId}/members/{participantId}/leave',
  summary: 'A member leaves the group (once), with a reason',
  tag: 'groups',
  status: 200,
  body: z.strictObject({ leftOn: calendarDate, reason: z.enum(['completed', 'dropped_out', 'transferred', 'other']) }),
});

export const scheduleSessionRoute = defineRoute({
  method: 'post',
  path: '/groups/{groupId}/sessions',
  summary: 'Create a session of the group',
  tag: 'sessions',
  status: 201,
  body: z.strictObject({ sessionId: uuid.optional(), date: calendarDate, durationMinutes: z.number().int().min(5).max(600).optional() }),
});

export const attendanceRoute = defineRoute({
  method: 'put',
  path: '/groups/{groupId}/sessions/{sessionId}/attendance',
  summary: "Record a session's attendance (a later PUT is a correction)",
  tag: 'sessions',
  status: 200,
  body: z.strictObject({
    records: z
      .array(z.strictObject({ participantId: uuid, status: z.enum(['present', 'late', 'absent', 'excused']) }))
      .min(1)
      .max(200)
      .superRefine((records, ctx) => {
        const seen = new Set<string>();
        records.forEach((record, index) => {
          if (seen.has(record.participantId)) ctx.addIssue({ code: 'custom', path: [index, 'participantId'], message: 'appears twice' });
          seen.add(record.participantId);
        });
      }),
  }),
});

type Activity =
  | { kind: 'join'; body: z.output<typeof joinRoute.body> }
  | { kind: 'leave'; participantId: string; body: z.output<typeof leaveRoute.body> }
  | { kind: 'session'; body: z.output<typeof scheduleSessionRoute.body> }
  | { kind: 'attendance'; sessionId: string; body: z.output<typeof attendanceRoute.body> };

export class GroupActivityCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly groupId: string,
    readonly activity: Activity,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Memberships, sessions and attendance: what facilitators do week by week. */
@CommandHandler(GroupActivityCommand)
export class GroupActivityHandler implements ICommandHandler<GroupActivityCommand> {
  constructor(
    private readonly writer: GroupWriter,
    private readonly executor: StreamExecutor,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ groupId, activity, context }: GroupActivityCommand) {
    requireRole(context.principal, CLINICAL_WRITERS, 'record group activity');
    const sessionId = activity.kind === 'session' ? (activity.body.sessionId ?? this.ids.uuid()) : '';
    const appended = await this.writer.write(groupId, context, 'record activity of this group', (_group, today) => this.command(activity, today, sessionId, context));
    const event = appended.events[0]!;
    const { programId: _programId, ...data } = event.data as Record<string, unknown>;
    const extra = event.type === 'AttendanceRecorded' || event.type === 'AttendanceCorrected' ? { correction: event.type === 'AttendanceCorrected' } : {};
    return writeResponse({ ...data, ...extra }, appended);
  }

  private async command(activity: Activity, today: string, sessionId: string, context: CommandContext): Promise<GroupCommand> {
    switch (activity.kind) {
      case 'join': {
        const { participantId, joinedOn } = activity.body;
        const participant = await this.executor.load(streams.participant(participantId), participantDecider, context.principal.org);
        requireNotErased(participant.state, participantId);
        return { kind: 'JoinMember', participantId, participantProgramId: participant.state.programId, joinedOn, today };
      }
      case 'leave':
        return { kind: 'LeaveMember', participantId: activity.participantId, ...activity.body, today };
      case 'session':
        return { kind: 'ScheduleSession', sessionId, date: activity.body.date, durationMinutes: activity.body.durationMinutes ?? null };
      case 'attendance':
        return { kind: 'RecordAttendance', sessionId: activity.sessionId, records: activity.body.records, today };
    }
  }
}
