import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventStore } from '#libs/event-store';
import { NotFound } from '#libs/errors';
import { type ExportRequested, SCHEMA_VERSION, streams } from '#libs/events';
import { DEFAULT_K } from '#libs/exports';
import type { Principal, Role } from '#libs/jwt';
import { Clock } from '#libs/system';
import { requireRole } from '../access/roles.js';
import { AnalyticsScope } from '../analytics/analytics-scope.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { parseWith } from '../http/validation.js';
import { ExportBook, type ExportEntry } from './export-book.js';
import { ExportJobs } from './export-jobs.js';
import { exportRoutes as routes } from './exports.routes.js';

/** Who may request and download research exports (PRIVACY.md "Access"): researchers and clinical directors. */
export const EXPORTERS: readonly Role[] = ['researcher', 'director'];

/** A small export finishes within this wait, so its 202 comes after its outcome event (no append trails the answer). */
const QUICK_EXPORT_MS = 2000;

const CONTENT_TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet', json: 'application/json; charset=utf-8', txt: 'text/plain; charset=utf-8' };

@Controller('api/v1/exports')
export class ExportsController {
  constructor(
    private readonly store: EventStore,
    private readonly scope: AnalyticsScope,
    private readonly book: ExportBook,
    private readonly jobs: ExportJobs,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    requireRole(principal, EXPORTERS, 'request a research export');
    const request = parseWith(routes.create.body, body);
    const program = this.scope.program(principal, request.programId);
    const exportId = randomUUID();
    const at = this.clock.now().toISOString();
    const query = { programId: program.programId, from: request.from ?? null, to: request.to ?? null, instruments: [...new Set(request.instruments ?? [])].sort(), k: request.k ?? DEFAULT_K };
    const data: ExportRequested['data'] = { exportId, request: query, part2: program.part2, requestedAt: at, requestedBy: principal.sub, role: principal.role };
    const { position } = await this.store.append(
      streams.export(exportId),
      [{ eventId: randomUUID(), type: 'ExportRequested', schemaVersion: SCHEMA_VERSION, data, metadata: { org: principal.org, actor: { userId: principal.sub, role: principal.role }, occurredAt: at, recordedAt: at, correlationId: exportId, causationId: null } }],
      'no_stream',
    );
    const done = this.jobs.enqueue({ exportId, principal, query, part2: program.part2, position });
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, QUICK_EXPORT_MS).unref())]);
    return { exportId };
  }

  @Get(':exportId')
  async status(@Param('exportId') exportId: string, @CurrentPrincipal() principal: Principal) {
    requireRole(principal, EXPORTERS, 'read research exports');
    const running = this.jobs.state(exportId);
    if (running && running.org === principal.org) return { exportId, status: running.status, progress: running.progress };
    const entry = this.entry(exportId, principal);
    return view(entry);
  }

  @Get(':exportId/files/:name')
  async file(@Param('exportId') exportId: string, @Param('name') name: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: FastifyReply) {
    requireRole(principal, EXPORTERS, 'download research exports');
    const entry = this.entry(exportId, principal);
    const listed = name === 'manifest.json' || (entry.manifest?.files.some((f) => f.name === name) ?? false);
    if (entry.status !== 'done' || !listed) throw new NotFound('export file', name, 'EXPORT_FILE_NOT_FOUND');
    const bytes = await readFile(join(this.jobs.directory(exportId), name)).catch(() => {
      throw new NotFound('export file', name, 'EXPORT_FILE_NOT_FOUND');
    });
    response.header('content-type', CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
    response.header('content-disposition', `attachment; filename="${name}"`);
    return new StreamableFile(bytes);
  }

  private entry(exportId: string, principal: Principal): ExportEntry {
    const entry = this.book.get(exportId);
    if (!entry || entry.org !== principal.org) throw new NotFound('export', exportId, 'EXPORT_NOT_FOUND');
    return entry;
  }
}

/** API.md's export view; a request whose job is in no queue here was cut short by a restart. */
export function view(entry: ExportEntry) {
  const base = { exportId: entry.exportId, programId: entry.request.programId, requestedAt: entry.requestedAt };
  if (entry.status === 'done') return { ...base, status: 'done' as const, progress: 1, completedAt: entry.completedAt, manifest: { ...entry.manifest!, erasures: entry.erased } };
  const reason = entry.status === 'failed' ? entry.failure : 'Interrupted: the api stopped before the export finished; request it again.';
  return { ...base, status: 'failed' as const, progress: 0, reason };
}
