import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnalyticsStore } from '#libs/analytics-store';
import { EventStore } from '#libs/event-store';
import { type EventMetadata, type ExportCompleted, type ExportFailed, SCHEMA_VERSION, streams, type SurrogatesAssigned } from '#libs/events';
import { buildDataset, type ExportFile, type ExportQuery, manifestFile, manifestOf, newSurrogate, surrogatesNeeded, textFiles, verifyExport, writeParquet } from '#libs/exports';
import type { Principal } from '#libs/jwt';
import { Clock } from '#libs/system';
import { AnalyticsFreshness } from '../analytics/analytics-freshness.js';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { ExportBook } from './export-book.js';
import { loadExportSource } from './export-source.js';

/** A refusal of the export's own rules (verifier, freshness): its message is safe to show the requester. */
export class ExportRefused extends Error {}

export interface ExportJob {
  readonly exportId: string;
  readonly principal: Principal;
  readonly query: ExportQuery;
  readonly part2: boolean;
  /** The event-store position of the request: the analytics tables must have reached it first. */
  readonly position: bigint;
}

/** How long a job waits for the analytics projection to reach its request. */
const FRESHNESS_TIMEOUT_MS = 60_000;

interface Running {
  readonly job: ExportJob;
  status: 'queued' | 'running';
  progress: number;
  readonly done: Promise<void>;
}

/**
 * The in-process export queue: one job at a time (each is a few heavy analytics queries and
 * Parquet writes on a 2-core machine). A job's outcome is an event (ExportCompleted or
 * ExportFailed); its progress lives here only. A job cut short by a restart has no outcome
 * event and is reported failed (interrupted): nothing fancy survives a crash.
 */
@Injectable()
export class ExportJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ExportJobs');
  private readonly jobs = new Map<string, Running>();
  private tail: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly store: EventStore,
    private readonly analytics: AnalyticsStore,
    private readonly freshness: AnalyticsFreshness,
    private readonly book: ExportBook,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  directory(exportId: string): string {
    return join(this.config.dataDir, 'exports', exportId);
  }

  state(exportId: string): { status: 'queued' | 'running'; progress: number; org: string } | undefined {
    const running = this.jobs.get(exportId);
    return running && { status: running.status, progress: running.progress, org: running.job.principal.org };
  }

  /** Queues the job; resolves when it has finished (published or failed). */
  enqueue(job: ExportJob): Promise<void> {
    const done = this.tail.then(() => this.run(running));
    const running: Running = { job, status: 'queued', progress: 0, done };
    this.jobs.set(job.exportId, running);
    this.tail = done;
    return done;
  }

  /**
   * Before the projector and the book stop (their hooks run later): the running job finishes,
   * queued ones are dropped without an outcome (reported as interrupted after a restart).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.tail;
  }

  private async run(running: Running): Promise<void> {
    const { job } = running;
    if (this.closing) {
      this.jobs.delete(job.exportId);
      return;
    }
    running.status = 'running';
    const step = (progress: number) => (running.progress = progress);
    const partial = `${this.directory(job.exportId)}.partial`;
    try {
      // Everything appended before the request is in the export (read your writes), else no export.
      if (!(await this.freshness.waitFor(job.position, FRESHNESS_TIMEOUT_MS))) throw new ExportRefused('The analytics tables did not reach the request in time; try again later.');
      await this.book.catchUp(10_000);
      const source = await loadExportSource(this.analytics, job.principal.org, { programId: job.query.programId, part2: job.part2 });
      step(0.2);
      await this.assignSurrogates(job, surrogatesNeeded(source, job.query));
      const surrogate = (kind: 'participant' | 'group') => (id: string) => this.book.surrogate(job.principal.org, kind, id)!;
      const dataset = buildDataset(source, job.query, { participant: surrogate('participant'), group: surrogate('group') });
      step(0.4);
      const files: ExportFile[] = textFiles(dataset);
      for (const [i, table] of dataset.tables.entries()) {
        files.push({ name: `${table.name}.parquet`, bytes: await writeParquet(this.analytics, table), rows: table.rows.length });
        step(0.4 + (0.45 * (i + 1)) / dataset.tables.length);
      }
      const manifest = manifestOf(dataset, job.query, files);
      files.push(manifestFile(manifest));
      await rm(partial, { recursive: true, force: true });
      await mkdir(partial, { recursive: true });
      for (const file of files) await writeFile(join(partial, file.name), file.bytes);
      // The verifier reads what was written, not what was meant to be written.
      const written = await Promise.all(files.map(async (f) => ({ ...f, bytes: await readFile(join(partial, f.name)) })));
      const forbidden = [...source.participants.map((p) => p.participantId), ...surrogatesNeeded(source, job.query).groups];
      const problems = verifyExport(written, { k: job.query.k, forbidden });
      step(0.95);
      if (problems.length > 0) throw new ExportRefused(`The verifier refused to publish: ${problems.slice(0, 5).join('; ')}`);
      await rm(this.directory(job.exportId), { recursive: true, force: true });
      await rename(partial, this.directory(job.exportId));
      // Audited before it is published (the audit README: a disclosure that could not be audited does not happen).
      await this.audit.record(job.principal, { action: 'export.create', resource: `exports/${job.exportId}`, purpose: 'research', subjects: dataset.subjects });
      await this.append<ExportCompleted>(job, 'ExportCompleted', { exportId: job.exportId, manifest, subjects: [...dataset.subjects], completedAt: this.clock.now().toISOString() });
      step(1);
    } catch (error) {
      this.logger.warn(`Export ${job.exportId} failed: ${String(error)}`);
      await rm(partial, { recursive: true, force: true }).catch(() => undefined);
      // Only our own refusals are told to the requester; a fault's message may name server paths.
      const reason = error instanceof ExportRefused ? error.message.slice(0, 2000) : 'The export could not be built (a server fault; the server log has the details). Request it again later.';
      await this.append<ExportFailed>(job, 'ExportFailed', { exportId: job.exportId, reason, failedAt: this.clock.now().toISOString() }).catch((e) => this.logger.error(`Cannot record the failure of ${job.exportId}: ${String(e)}`));
    } finally {
      // The outcome is in the book once it has read the event; until then this entry answers.
      await this.book.catchUp(10_000).catch(() => false);
      this.jobs.delete(job.exportId);
    }
  }

  /** Random surrogates for ids that have none yet, stored before use, so a repeated export reuses them. */
  private async assignSurrogates(job: ExportJob, needed: { participants: string[]; groups: string[] }): Promise<void> {
    const org = job.principal.org;
    const assignments = [
      ...needed.participants.filter((id) => !this.book.surrogate(org, 'participant', id)).map((id) => ({ kind: 'participant' as const, id, surrogate: newSurrogate('participant') })),
      ...needed.groups.filter((id) => !this.book.surrogate(org, 'group', id)).map((id) => ({ kind: 'group' as const, id, surrogate: newSurrogate('group') })),
    ];
    if (assignments.length === 0) return;
    const data: SurrogatesAssigned['data'] = { assignments };
    const { position } = await this.store.append(streams.surrogates(org), [{ eventId: randomUUID(), type: 'SurrogatesAssigned', schemaVersion: SCHEMA_VERSION, data, metadata: this.metadata(job) }], 'any');
    // Another process may have assigned some first: the book keeps the first, so read them back from it.
    if (!(await this.book.waitFor(position, 10_000))) throw new Error('The surrogate mapping did not catch up');
  }

  private async append<E extends { type: string; data: unknown }>(job: ExportJob, type: E['type'], data: E['data']): Promise<void> {
    await this.store.append(streams.export(job.exportId), [{ eventId: randomUUID(), type, schemaVersion: SCHEMA_VERSION, data, metadata: this.metadata(job) }], 'stream_exists');
  }

  private metadata(job: ExportJob): EventMetadata {
    const at = this.clock.now().toISOString();
    return { org: job.principal.org, actor: { userId: job.principal.sub, role: job.principal.role }, occurredAt: at, recordedAt: at, correlationId: job.exportId, causationId: null };
  }
}
