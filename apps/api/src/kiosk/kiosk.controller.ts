import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '#libs/errors';
import { streams } from '#libs/events';
import type { Principal } from '#libs/jwt';
import { requireGroupScope } from '../access/roles.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { Public } from '../auth/auth.guard.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { groupDecider } from '../groups/group.decider.js';
import { enrolledOn, type ExistingGroup } from '../groups/group.state.js';
import { parseWith } from '../http/validation.js';
import { itemsForForms } from '../instruments/answer-labels.js';
import { InstrumentRegistry } from '../instruments/instrument-registry.js';
import { parseMeasureBody, RecordMeasureCommand } from '../measures/record-measure.js';
import { defineRoute } from '../openapi/routes.js';
import { instrumentId, uuid } from '../shared/schemas.js';
import { KioskBook } from './kiosk-book.js';
import { KioskGuard, type KioskRequest } from './kiosk.guard.js';

/** GSRS (alliance) and PHQ-9 at the end of a session: the issue's example, the default. */
const DEFAULT_INSTRUMENTS = ['GSRS', 'PHQ-9'] as const;

export const openKioskRoute = defineRoute({
  method: 'post',
  path: '/groups/{groupId}/sessions/{sessionId}/kiosk',
  summary: 'Open a self-report kiosk for a session: one short-lived single-use code per member enrolled on its date (held in memory)',
  tag: 'kiosk',
  status: 201,
  body: z.strictObject({ instruments: z.array(instrumentId).min(1).max(5).optional() }),
});

export const kioskSignInRoute = defineRoute({
  method: 'post',
  path: '/kiosk/sign-in',
  summary: 'Exchange a kiosk code (once) for a kiosk token and the forms to fill in',
  tag: 'kiosk',
  status: 200,
  public: true,
  body: z.strictObject({ code: z.string().min(1).max(32) }),
});

export const kioskMeasureRoute = defineRoute({
  method: 'post',
  path: '/kiosk/measures',
  summary: "Submit one of the session's questionnaires with a kiosk token (Bearer kiosk_…): for that member and session only",
  tag: 'kiosk',
  status: 201,
  public: true,
  body: z.strictObject({ measureId: uuid.optional(), instrument: instrumentId, items: z.array(z.number().nullable()).max(100) }),
});

@Controller('api/v1')
export class KioskController {
  constructor(
    private readonly book: KioskBook,
    private readonly executor: StreamExecutor,
    private readonly registry: InstrumentRegistry,
    private readonly commands: CommandBus,
  ) {}

  @Post('groups/:groupId/sessions/:sessionId/kiosk')
  @HttpCode(201)
  async open(@Param('groupId') groupId: string, @Param('sessionId') sessionId: string, @Body() raw: unknown, @CurrentPrincipal() principal: Principal) {
    // No body means the defaults; a JSON `null` is a body, and not an object (the OpenAPI fuzz found it accepted).
    const body = parseWith(openKioskRoute.body, raw === undefined ? {} : raw);
    const group = (await this.executor.loadExisting(streams.group(groupId), groupDecider, principal.org, 'group', groupId)) as ExistingGroup;
    requireGroupScope(principal, group.facilitatorIds, 'open a kiosk for this group');
    const session = group.sessions[sessionId];
    if (!session) throw new NotFound('session', sessionId);
    const instruments = [...new Set(body.instruments ?? DEFAULT_INSTRUMENTS)];
    const members = [...new Set(group.memberships.map((m) => m.participantId))].filter((p) => enrolledOn(group, p, session.date));
    const openedBy: Principal = { sub: principal.sub, org: principal.org, role: principal.role };
    const codes = this.book.issue(members.map((participantId) => ({ org: principal.org, groupId, sessionId, participantId, administeredOn: session.date, instruments, openedBy })));
    return { groupId, sessionId, date: session.date, instruments, codes };
  }

  @Public()
  @Post('kiosk/sign-in')
  @HttpCode(200)
  signIn(@Body() raw: unknown) {
    const signedIn = this.book.signIn(parseWith(kioskSignInRoute.body, raw).code);
    if (!signedIn) throw new Unauthenticated('This code is not valid, was already used or has expired. Ask your therapist for a new one.');
    const { grant } = signedIn;
    // The forms only: no name, no history, nothing about anyone else.
    const forms = grant.instruments.map((id) => this.registry.latest(id)!).map((d) => ({ id: d.id, version: d.version, title: d.title, items: itemsForForms(d) }));
    return { token: signedIn.token, expiresAt: signedIn.expiresAt, sessionDate: grant.administeredOn, instruments: forms };
  }

  @Public()
  @UseGuards(KioskGuard)
  @Post('kiosk/measures')
  @HttpCode(201)
  async record(@Body() raw: unknown, @Req() request: KioskRequest) {
    const { token, grant, submitted } = request.kiosk!;
    const body = parseWith(kioskMeasureRoute.body, raw);
    if (!grant.instruments.includes(body.instrument)) throw new Forbidden(`This kiosk sign-in may only submit ${grant.instruments.join(' and ')}.`, 'KIOSK_INSTRUMENT_NOT_ALLOWED');
    if (submitted.has(body.instrument)) throw new Conflict('KIOSK_ALREADY_SUBMITTED', `${body.instrument} was already submitted from this sign-in.`);
    // Participant and session come from the grant, never from the request.
    const measure = parseMeasureBody({ ...body, administeredOn: grant.administeredOn, sessionId: grant.sessionId }, this.registry);
    const result = await this.commands.execute(new RecordMeasureCommand(grant.participantId, measure, { principal: grant.openedBy, correlationId: randomUUID() }));
    this.book.markSubmitted(token, body.instrument);
    return result;
  }
}
