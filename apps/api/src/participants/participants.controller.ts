import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { NotFound } from '#libs/errors';
import type { Principal } from '#libs/jwt';
import { CLINICAL_WRITERS, requireGroupScope, requireRole } from '../access/roles.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { type Purpose, RequestPurpose } from '../audit/purpose.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import type { CommandContext } from '../commands/command-context.js';
import { Ctx } from '../commands/context.decorator.js';
import { Directory, type ParticipantEntry } from '../directory/directory.js';
import { parseWith } from '../http/validation.js';
import { defineRoute } from '../openapi/routes.js';
import { uuid } from '../shared/schemas.js';
import { IdentityVault } from './identity-vault.js';
import { RegisterParticipantCommand, registerParticipantRoute } from './register-participant.js';

const listRoute = defineRoute({
  method: 'get',
  path: '/participants',
  summary: 'List participants in the caller scope, optionally of one group (names decrypted)',
  tag: 'participants',
  status: 200,
  query: z.object({ groupId: uuid.optional(), minPosition: z.string().optional() }),
});
defineRoute({ method: 'get', path: '/participants/{participantId}', summary: 'A participant with decrypted identifiers', tag: 'participants', status: 200 });

@Controller('api/v1/participants')
export class ParticipantsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: Directory,
    private readonly vault: IdentityVault,
    private readonly audit: AuditTrail,
  ) {}

  @Post()
  @HttpCode(201)
  register(@Body() body: unknown, @Ctx() context: CommandContext) {
    return this.commands.execute(new RegisterParticipantCommand(parseWith(registerParticipantRoute.body, body), context));
  }

  @Get()
  async list(@Query() query: unknown, @CurrentPrincipal() principal: Principal, @RequestPurpose() purpose: Purpose) {
    requireRole(principal, CLINICAL_WRITERS, 'list identifiable participants');
    const { groupId } = parseWith(listRoute.query, query);
    let entries = [...this.directory.participants.values()].filter((p) => p.org === principal.org);
    if (groupId) {
      const group = this.directory.groups.get(groupId);
      if (!group || group.org !== principal.org) throw new NotFound('group', groupId, 'GROUP_NOT_FOUND');
      requireGroupScope(principal, group.facilitatorIds, 'list its members');
      const members = new Map(group.members.map((m) => [m.participantId, m]));
      entries = entries.filter((p) => members.has(p.participantId));
    } else if (principal.role === 'therapist') {
      const mine = new Set([...this.directory.groups.values()].filter((g) => g.org === principal.org && g.facilitatorIds.includes(principal.sub)).flatMap((g) => g.members.map((m) => m.participantId)));
      entries = entries.filter((p) => mine.has(p.participantId));
    }
    const resource = groupId ? `groups/${groupId}/participants` : 'participants';
    // Audited before the names leave (PRIVACY.md: every read of identifiable data).
    await this.audit.record(principal, { action: 'participants.list', resource, purpose, subjects: entries.map((p) => p.participantId) });
    const items = await Promise.all(entries.map((p) => this.view(p)));
    return { items: items.sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '')) };
  }

  @Get(':participantId')
  async get(@Param('participantId') participantId: string, @CurrentPrincipal() principal: Principal, @RequestPurpose() purpose: Purpose) {
    requireRole(principal, CLINICAL_WRITERS, 'read identifiable participant data');
    const entry = this.directory.participants.get(participantId);
    if (!entry || entry.org !== principal.org) throw new NotFound('participant', participantId, 'PARTICIPANT_NOT_FOUND');
    if (principal.role === 'therapist') {
      const facilitated = [...this.directory.groups.values()].some((g) => g.org === principal.org && g.facilitatorIds.includes(principal.sub) && g.members.some((m) => m.participantId === participantId));
      if (!facilitated) requireGroupScope(principal, [], 'read this participant');
    }
    await this.audit.record(principal, { action: 'participant.read', resource: `participants/${participantId}`, purpose, subjects: [participantId] });
    return {
      ...(await this.view(entry)),
      dateOfBirth: await this.vault.open(entry.dateOfBirth),
      externalRef: await this.vault.open(entry.externalRef),
    };
  }

  private async view(entry: ParticipantEntry) {
    const memberships = [...this.directory.groups.values()].flatMap((g) =>
      g.members.filter((m) => m.participantId === entry.participantId).map((m) => ({ groupId: g.groupId, joinedOn: m.joinedOn, leftOn: m.leftOn, reason: m.reason })),
    );
    return {
      participantId: entry.participantId,
      programId: entry.programId,
      displayName: await this.vault.open(entry.displayName),
      gender: entry.gender,
      ageBand: entry.ageBand,
      registeredOn: entry.registeredOn,
      memberships,
    };
  }
}
