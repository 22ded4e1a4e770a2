import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type ExportEvent, type ExportManifest, type ExportRequest, type ParticipantErased, type RecordedEvent, SCHEMA_VERSION, streams } from '#libs/events';
import { StoreFollower } from '../directory/store-follower.js';

export interface ExportEntry {
  readonly org: string;
  readonly exportId: string;
  readonly request: ExportRequest;
  readonly part2: boolean;
  readonly requestedAt: string;
  readonly requestedBy: string;
  readonly role: string;
  status: 'queued' | 'done' | 'failed';
  manifest: ExportManifest | null;
  subjects: readonly string[];
  completedAt: string | null;
  failure: string | null;
  /** Surrogates of participants erased after the export was published (PRIVACY.md). */
  readonly erased: { surrogateId: string; erasedAt: string }[];
}

/** A UUID-shaped id derived from `parts`, so a repeated reaction appends nothing (the store dedupes event ids per stream). */
export function derivedEventId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The api's read model of research exports and their stored surrogates, following the event
 * store like the Directory (StoreFollower: eventually consistent, `?minPosition=` waits for it,
 * resubscribes after a store outage). It also reacts to ParticipantErased: every published
 * export that held the person gets an ExportErasureNoted on its stream (idempotent event id,
 * so replays append nothing new); the reactions run one after another, after the event.
 * Snapshots (StoreFollower) are taken only while no reaction is pending, so a restart from one
 * never skips a reaction to an erasure before it.
 */
@Injectable()
export class ExportBook extends StoreFollower {
  readonly name = 'exports';
  private readonly logger = new Logger('ExportBook');
  private readonly exports = new Map<string, ExportEntry>();
  /** `<org>/<kind>/<id>` → surrogate (the first assignment wins). */
  private readonly surrogates = new Map<string, string>();
  private readonly holding = new Map<string, Set<string>>();
  private reactions: Promise<void> = Promise.resolve();
  private pendingReactions = 0;
  protected override readonly snapshotVersion = 1;

  protected override async settle(): Promise<void> {
    await this.reactions;
  }

  get(exportId: string): ExportEntry | undefined {
    return this.exports.get(exportId);
  }

  list(org: string): ExportEntry[] {
    return [...this.exports.values()].filter((e) => e.org === org);
  }

  surrogate(org: string, kind: 'participant' | 'group', id: string): string | undefined {
    return this.surrogates.get(`${org}/${kind}/${id}`);
  }

  /** Waits until the book has applied everything in the store now (read your own write). */
  async catchUp(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  protected apply(recorded: RecordedEvent): void {
    const org = recorded.metadata.org;
    const event = { type: recorded.type, data: recorded.data } as ExportEvent | ParticipantErased;
    switch (event.type) {
      case 'ExportRequested':
        this.exports.set(event.data.exportId, { org, ...event.data, status: 'queued', manifest: null, subjects: [], completedAt: null, failure: null, erased: [] });
        return;
      case 'ExportCompleted': {
        const entry = this.exports.get(event.data.exportId);
        if (!entry) return;
        Object.assign(entry, { status: 'done', manifest: event.data.manifest, subjects: event.data.subjects, completedAt: event.data.completedAt });
        for (const id of event.data.subjects) this.holding.set(`${org}/${id}`, (this.holding.get(`${org}/${id}`) ?? new Set()).add(entry.exportId));
        return;
      }
      case 'ExportFailed': {
        const entry = this.exports.get(event.data.exportId);
        if (entry) Object.assign(entry, { status: 'failed', failure: event.data.reason });
        return;
      }
      case 'ExportErasureNoted': {
        const entry = this.exports.get(event.data.exportId);
        if (entry && !entry.erased.some((e) => e.surrogateId === event.data.surrogateId)) entry.erased.push({ surrogateId: event.data.surrogateId, erasedAt: event.data.erasedAt });
        return;
      }
      case 'SurrogatesAssigned':
        for (const a of event.data.assignments) if (!this.surrogates.has(`${org}/${a.kind}/${a.id}`)) this.surrogates.set(`${org}/${a.kind}/${a.id}`, a.surrogate);
        return;
      case 'ParticipantErased': {
        const { participantId, erasedAt } = event.data;
        this.pendingReactions += 1;
        this.snapshotSoon();
        this.reactions = this.reactions.then(() => this.noteErasure(org, participantId, erasedAt)).finally(() => (this.pendingReactions -= 1));
        return;
      }
      default:
        return;
    }
  }

  protected override canSnapshot(): boolean {
    return this.pendingReactions === 0;
  }

  protected override *snapshotLines(): Generator<string> {
    for (const entry of this.exports.values()) yield JSON.stringify(['export', entry]);
    for (const [key, surrogate] of this.surrogates) yield JSON.stringify(['surrogate', key, surrogate]);
    for (const [key, exportIds] of this.holding) yield JSON.stringify(['holding', key, [...exportIds]]);
  }

  protected override restoreLine(text: string): void {
    const line = JSON.parse(text) as ['export', ExportEntry] | ['surrogate', string, string] | ['holding', string, string[]];
    if (line[0] === 'export') this.exports.set(line[1].exportId, line[1]);
    else if (line[0] === 'surrogate') this.surrogates.set(line[1], line[2]);
    else if (line[0] === 'holding') this.holding.set(line[1], new Set(line[2]));
    else throw new Error(`unknown export book snapshot line: ${text.slice(0, 40)}`);
  }

  protected override clearState(): void {
    this.exports.clear();
    this.surrogates.clear();
    this.holding.clear();
  }

  /** Marks every published export that held the participant (its recipients must delete that surrogate's rows). */
  private async noteErasure(org: string, participantId: string, erasedAt: string): Promise<void> {
    const surrogateId = this.surrogate(org, 'participant', participantId);
    for (const exportId of [...(this.holding.get(`${org}/${participantId}`) ?? [])].sort()) {
      const entry = this.exports.get(exportId);
      if (!entry || !surrogateId || entry.erased.some((e) => e.surrogateId === surrogateId)) continue;
      const at = new Date().toISOString();
      try {
        await this.store.append(
          streams.export(exportId),
          [
            {
              eventId: derivedEventId('ExportErasureNoted', exportId, participantId),
              type: 'ExportErasureNoted',
              schemaVersion: SCHEMA_VERSION,
              data: { exportId, participantId, surrogateId, erasedAt },
              metadata: { org, actor: { userId: 'system', role: 'system' }, occurredAt: erasedAt, recordedAt: at, correlationId: exportId, causationId: null },
            },
          ],
          'any',
        );
      } catch (error) {
        this.logger.error(`Could not mark export ${exportId} for an erasure: ${String(error)}`);
      }
    }
  }
}
