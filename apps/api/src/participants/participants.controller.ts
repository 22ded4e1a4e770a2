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
import { idList, uuid } from '../shared/schemas.js';
import { IdentityVault } from './identity-vault.js';
import { RegisterParticipantCommand, registerParticipantRoute } from './register-participant.js';

interface Membership {
  readonly groupId: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
  readonly reason: string | null;
}

const listRoute = defineRoute({
  method: 'get',
  path: '/participants',
  summary: 'List participants in the caller scope, optionally of one group or only those named (names decrypted)',
  tag: 'participants',
  status: 200,
  // The whole list is ~390 k people at 10 M events, so the dashboard narrows it: participantId
  // (one id or several, comma-separated: the names a view shows; ids outside the scope are left
  // out), programId, and limit (the most recently registered N, e.g. to add someone to a group).
  query: z.object({
    groupId: uuid.optional(),
    participantId: idList.optional(),
    programId: uuid.optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    minPosition: z.string().optional(),
  }),
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
    const { groupId, participantId, programId, limit } = parseWith(listRoute.query, query);
    const ids = this.matching(principal.org, { named: participantId, programId, scope: this.listScope(principal, groupId) });
    // Table order is registration order: the newest are last.
    const entries = (limit === undefined ? ids : ids.slice(-limit)).map((id) => this.directory.participants.get(id)!);
    const resource = groupId ? `groups/${groupId}/participants` : 'participants';
    // Audited before the names leave (PRIVACY.md: every read of identifiable data).
    await this.audit.record(principal, { action: 'participants.list', resource, purpose, subjects: entries.map((p) => p.participantId) });
    const memberships = this.membershipsOf(new Set(entries.map((p) => p.participantId)));
    const items = await Promise.all(entries.map((p) => this.view(p, memberships.get(p.participantId) ?? [])));
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
      ...(await this.view(entry, this.membershipsOf(new Set([participantId])).get(participantId) ?? [])),
      dateOfBirth: await this.vault.open(entry.dateOfBirth),
      externalRef: await this.vault.open(entry.externalRef),
    };
  }

  /** Who the caller may list: one group's members, a therapist's members, or (null) the whole organization. */
  private listScope(principal: Principal, groupId: string | undefined): ReadonlySet<string> | null {
    if (groupId) {
      const group = this.directory.groups.get(groupId);
      if (!group || group.org !== principal.org) throw new NotFound('group', groupId, 'GROUP_NOT_FOUND');
      requireGroupScope(principal, group.facilitatorIds, 'list its members');
      return new Set(group.members.map((m) => m.participantId));
    }
    if (principal.role !== 'therapist') return null;
    return new Set([...this.directory.groups.values()].filter((g) => g.org === principal.org && g.facilitatorIds.includes(principal.sub)).flatMap((g) => g.members.map((m) => m.participantId)));
  }

  /**
   * Ids of the organization's participants that pass the filters, in table order (or in the
   * order named; unknown ids are left out). Filtered on the compact rows: decoding every entry
   * of ~390 k first would be ~250 MB of garbage per request.
   */
  private matching(org: string, filters: { named?: readonly string[]; programId?: string; scope: ReadonlySet<string> | null }): string[] {
    const { named, programId, scope } = filters;
    const keep = (id: string, row: { org: string; programId: string }) => row.org === org && (!programId || row.programId === programId) && (!scope || scope.has(id));
    if (named) return [...new Set(named)].filter((id) => {
      const row = this.directory.participants.compact(id);
      return row !== undefined && keep(id, row);
    });
    const ids: string[] = [];
    for (const [id, row] of this.directory.participants.compactEntries()) if (keep(id, row)) ids.push(id);
    return ids;
  }

  /**
   * Each participant's memberships, in one pass over the groups. Looking them up per participant
   * scanned every group for each one: at 10 M events (~390 k participants) the full list took
   * more than five minutes.
   */
  private membershipsOf(participantIds: ReadonlySet<string>): Map<string, Membership[]> {
    const byParticipant = new Map<string, Membership[]>();
    for (const g of this.directory.groups.values()) {
      for (const m of g.members) {
        if (!participantIds.has(m.participantId)) continue;
        const list = byParticipant.get(m.participantId) ?? [];
        list.push({ groupId: g.groupId, joinedOn: m.joinedOn, leftOn: m.leftOn, reason: m.reason });
        byParticipant.set(m.participantId, list);
      }
    }
    return byParticipant;
  }

  private async view(entry: ParticipantEntry, memberships: readonly Membership[]) {
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
