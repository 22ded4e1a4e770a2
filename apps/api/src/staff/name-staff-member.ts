import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { ValidationFailed } from '#libs/errors';
import { EventStore } from '#libs/event-store';
import { streams } from '#libs/events';
import { MANAGERS, requireRole } from '../access/roles.js';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { toPointer } from '../http/validation.js';
import { defineRoute } from '../openapi/routes.js';
import { shortText, userId, writeResponse } from '../shared/schemas.js';
import { alreadyNamed, type NameStaffMember, staffDecider } from './staff.decider.js';

export const nameStaffMemberRoute = defineRoute({
  method: 'put',
  path: '/staff/{userId}',
  summary: 'Set the name a staff member (a token sub) is shown by; the same name again appends nothing',
  tag: 'staff',
  status: 200,
  body: z.strictObject({ name: shortText(200) }),
});

/**
 * Any user id of the token's `sub` pattern may be named (staff exist in the identity provider,
 * not here), so a malformed one in the path is a 400 like a bad field, reported at `/userId`
 * (a JSON pointer into `{userId, ...body}`), together with the body's own errors.
 */
function parseRequest(rawUserId: string, body: unknown): { userId: string; body: NameStaffMemberBody } {
  const id = userId.safeParse(rawUserId);
  const parsed = nameStaffMemberRoute.body.safeParse(body);
  if (id.success && parsed.success) return { userId: id.data, body: parsed.data };
  const errors = [
    ...(id.success ? [] : [{ path: '/userId', message: `path parameter: ${id.error.issues[0]?.message ?? 'invalid'}` }]),
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: toPointer(issue.path), message: issue.message }))),
  ];
  throw new ValidationFailed(errors);
}

export type NameStaffMemberBody = z.output<typeof nameStaffMemberRoute.body>;

export class NameStaffMemberCommand extends Command<Record<string, unknown>> {
  constructor(
    readonly userId: string,
    readonly body: NameStaffMemberBody,
    readonly context: CommandContext,
  ) {
    super();
  }

  static from(rawUserId: string, body: unknown, context: CommandContext): NameStaffMemberCommand {
    const parsed = parseRequest(rawUserId, body);
    return new NameStaffMemberCommand(parsed.userId, parsed.body, context);
  }
}

/**
 * Directors and admins name the staff of their organization (stream `staff-{org}`, so one
 * organization's names never reach another's). Naming someone with the name they already have
 * appends nothing and answers `eventIds: []` with the stream's current revision and the position
 * of its last event (what `?minPosition=` needs to see that name).
 */
@CommandHandler(NameStaffMemberCommand)
export class NameStaffMemberHandler implements ICommandHandler<NameStaffMemberCommand> {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly store: EventStore,
  ) {}

  async execute({ userId, body, context }: NameStaffMemberCommand) {
    requireRole(context.principal, MANAGERS, 'name staff members');
    const stream = streams.staff(context.principal.org);
    const data = { userId, name: body.name };
    const command: NameStaffMember = { kind: 'NameStaffMember', data };
    const loaded = await this.executor.load(stream, staffDecider, context.principal.org);
    if (loaded.exists && loaded.revision !== null && alreadyNamed(loaded.state, command)) {
      const [last] = await this.store.readStream(stream, { fromRevision: loaded.revision });
      return writeResponse(data, { eventIds: [], revision: loaded.revision, position: (last?.position ?? 0n).toString() });
    }
    const appended = await this.executor.execute(stream, staffDecider, command, context);
    return writeResponse(data, appended);
  }
}
