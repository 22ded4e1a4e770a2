import { Controller, Get, Query } from '@nestjs/common';
import type { Principal } from '#libs/jwt';
import { MANAGERS, requireRole } from '../access/roles.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { parseWith } from '../http/validation.js';
import { ExportBook } from './export-book.js';
import { exportRoutes as routes } from './exports.routes.js';

/**
 * The accounting of disclosures (PRIVACY.md; 42 CFR 2.24 for Part 2 programs, 45 CFR 164.528):
 * every research export released, when, to whom (user and role), for what purpose, of which
 * program, how many people, and the erasures noted since. `participantId` answers one
 * person's request for the list of disclosures of their records. Directors and admins.
 */
@Controller('api/v1/disclosures')
export class DisclosuresController {
  constructor(private readonly book: ExportBook) {}

  @Get()
  list(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    requireRole(principal, MANAGERS, 'read the accounting of disclosures');
    const { from, to, participantId } = parseWith(routes.disclosures.query, query);
    const items = this.book
      .list(principal.org)
      .filter((e) => e.status === 'done' && e.completedAt !== null)
      .filter((e) => (!from || e.completedAt!.slice(0, 10) >= from) && (!to || e.completedAt!.slice(0, 10) <= to))
      .filter((e) => !participantId || e.subjects.includes(participantId))
      .sort((a, b) => (a.completedAt! < b.completedAt! ? -1 : a.completedAt! > b.completedAt! ? 1 : 0))
      .map((e) => ({
        disclosureId: e.exportId,
        type: 'research-export',
        at: e.completedAt,
        recipient: { userId: e.requestedBy, role: e.role },
        purpose: 'research',
        programId: e.request.programId,
        part2: e.part2,
        participants: e.manifest!.participants,
        description: `De-identified research dataset (policy ${e.manifest!.policyVersion}, k = ${e.manifest!.k})${e.part2 ? ' with the 42 CFR 2.32 redisclosure notice' : ''}`,
        erasuresNoted: e.erased.length,
      }));
    return { items };
  }
}
