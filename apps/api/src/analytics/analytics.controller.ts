import { Controller, Get, Param, Query } from '@nestjs/common';
import { AnalyticsStore } from '#libs/analytics-store';
import { runGroupCohesion, runGroupMembers, runOutcomes, runParticipantTimeline, runProgramAttendance, runRetention, runTrends } from '#libs/analytics';
import type { Principal } from '#libs/jwt';
import { Clock, dateInTimeZone } from '#libs/system';
import { AuditTrail } from '../audit/audit-trail.js';
import { type Purpose, RequestPurpose } from '../audit/purpose.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { Directory } from '../directory/directory.js';
import { parseWith } from '../http/validation.js';
import { IdentityVault } from '../participants/identity-vault.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { AnalyticsFreshness } from './analytics-freshness.js';
import { AnalyticsScope } from './analytics-scope.js';
import { analyticsRoutes as routes } from './analytics.routes.js';
import { outcomesBody } from './outcomes-body.js';
import { suppressCount, suppressOutcomeSummary } from './small-cells.js';


/**
 * The analytics read side (API.md "Read side"): each endpoint checks scope, runs one query
 * module of libs/analytics against the analytics store and adds `asOf`, the event-store
 * position the tables have reached.
 */
@Controller('api/v1')
export class AnalyticsController {
  constructor(
    private readonly store: AnalyticsStore,
    private readonly freshness: AnalyticsFreshness,
    private readonly scope: AnalyticsScope,
    private readonly directory: Directory,
    private readonly vault: IdentityVault,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly staff: StaffDirectory,
  ) {}

  private asOf(): string {
    return this.freshness.position().toString();
  }

  @Get('groups/:groupId/cohesion')
  async cohesion(@Param('groupId') groupId: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    this.scope.group(principal, groupId);
    const { from, to } = parseWith(routes.cohesion.query, query);
    const asOf = this.asOf();
    const result = await runGroupCohesion(this.store, { ...this.scope.of(principal), groupId, from, to });
    return { ...result, asOf };
  }

  /** The member table of a group: names (decrypted, audited), dose, missed sessions, latest scores. */
  @Get('groups/:groupId/members')
  async members(@Param('groupId') groupId: string, @CurrentPrincipal() principal: Principal, @RequestPurpose() purpose: Purpose) {
    const group = this.scope.group(principal, groupId);
    const program = this.directory.programs.get(group.programId);
    const asOf = this.asOf();
    const today = dateInTimeZone(this.clock.now(), program?.timeZone ?? 'UTC');
    const result = await runGroupMembers(this.store, { ...this.scope.of(principal), groupId, today });
    const members = await Promise.all(
      result.members.map(async (m) => ({ ...m, displayName: await this.vault.open(this.directory.participants.get(m.participantId)?.displayName ?? null) })),
    );
    await this.audit.record(principal, { action: 'group.members.read', resource: `groups/${groupId}/members`, purpose, subjects: members.map((m) => m.participantId) });
    return { ...result, members, asOf };
  }

  @Get('programs/:programId/outcomes')
  async outcomes(@Param('programId') programId: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    this.scope.program(principal, programId);
    const params = parseWith(routes.outcomes.query, query);
    const asOf = this.asOf();
    const result = await runOutcomes(this.store, { ...this.scope.of(principal), programId, ...params });
    // Researchers see no staff names (staff.controller.ts says why): therapistName is null for them.
    if (principal.role !== 'researcher') return outcomesBody({ ...result, asOf }, this.staff.namesOf(principal.org));
    return outcomesBody({
      ...suppressOutcomeSummary(result),
      byGroup: result.byGroup.map((g) => suppressOutcomeSummary(g)),
      byTherapist: result.byTherapist.map((t) => suppressOutcomeSummary(t)),
      asOf,
    }, () => null);
  }

  /** The director's attendance KPI: every session of the program (or one group) in the window, summed. */
  @Get('programs/:programId/attendance')
  async attendance(@Param('programId') programId: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    this.scope.program(principal, programId);
    const params = parseWith(routes.attendance.query, query);
    const asOf = this.asOf();
    const result = await runProgramAttendance(this.store, { ...this.scope.of(principal), programId, from: params.from, to: params.to, groupId: params.groupId });
    if (principal.role !== 'researcher') return { ...result, asOf };
    // Counts of places, not people; a small one (one group, a short window) is still a small cell,
    // and the rate goes with its numerator or denominator (as outcomes' rates do).
    const { enrolled, present, late, absent, excused, unrecorded } = result;
    const rateShown = suppressCount(enrolled) !== null && suppressCount(present + late) !== null;
    return {
      ...result,
      ...Object.fromEntries(Object.entries({ enrolled, present, late, absent, excused, unrecorded }).map(([key, n]) => [key, suppressCount(n)])),
      attendanceRate: rateShown ? result.attendanceRate : null,
      asOf,
    };
  }

  @Get('programs/:programId/retention')
  async retention(@Param('programId') programId: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    const program = this.scope.program(principal, programId);
    const params = parseWith(routes.retention.query, query);
    const asOf = this.asOf();
    const today = dateInTimeZone(this.clock.now(), program.timeZone);
    const result = await runRetention(this.store, { ...this.scope.of(principal), programId, ...params, today });
    if (principal.role !== 'researcher') return { ...result, asOf };
    // A curve whose risk set is a small cell would let a reader count individuals: cut it there.
    const points = result.points.filter((p) => suppressCount(p.atRisk) !== null);
    return { points: points.map((p) => ({ ...p, events: suppressCount(p.events), censored: suppressCount(p.censored) })), medianDays: points.length === result.points.length ? result.medianDays : null, asOf };
  }

  @Get('programs/:programId/trends')
  async trends(@Param('programId') programId: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    this.scope.program(principal, programId);
    const params = parseWith(routes.trends.query, query);
    const asOf = this.asOf();
    const result = await runTrends(this.store, { ...this.scope.of(principal), programId, ...params });
    if (principal.role !== 'researcher') return { ...result, asOf };
    return { items: result.items.map((i) => ({ ...i, n: suppressCount(i.n), mean: suppressCount(i.n) === null ? null : i.mean, milestones: suppressCount(i.milestones) })), asOf };
  }

  @Get('participants/:participantId/timeline')
  async timeline(@Param('participantId') participantId: string, @CurrentPrincipal() principal: Principal, @RequestPurpose() purpose: Purpose) {
    this.scope.participant(principal, participantId);
    const asOf = this.asOf();
    const result = await runParticipantTimeline(this.store, { ...this.scope.of(principal), participantId });
    await this.audit.record(principal, { action: 'participant.timeline.read', resource: `participants/${participantId}/timeline`, purpose, subjects: [participantId] });
    return { ...(result ?? { participantId, measures: [], attendance: [], milestones: [], alerts: [], instruments: [] }), asOf };
  }
}
