import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type ExportEvent, type ExportManifest, type ExportRequest, type ParticipantErased, type RecordedEvent, SCHEMA_VERSION, streams } from '#libs/events';
import { backoffDelay } from '#libs/system';
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

/** An ExportErasureNoted the book owes: decided at the erasure, settled when it is read back. */
interface OwedNote {
  readonly org: string;
  readonly exportId: string;
  readonly participantId: string;
  readonly surrogateId: string;
  readonly erasedAt: string;
}

const owedKey = (exportId: string, participantId: string): string => `${exportId}/${participantId}`;

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
 * so replays append nothing new). The notes owed are part of the state, decided when the
 * erasure is applied and settled when their ExportErasureNoted is read back: a note whose append
 * failed (a store outage) is retried with backoff, and a snapshot taken meanwhile carries it, so
 * a restart from that snapshot still appends it.
 */
@Injectable()
export class ExportBook extends StoreFollower {
  readonly name = 'exports';
  private readonly logger = new Logger('ExportBook');
  private readonly exports = new Map<string, ExportEntry>();
  /** `<org>/<kind>/<id>` → surrogate (the first assignment wins). */
  private readonly surrogates = new Map<string, string>();
  private readonly holding = new Map<string, Set<string>>();
  /** owedKey → the note; in snapshots (version 2: version 1 had no owed notes, so it replays). */
  private readonly owed = new Map<string, OwedNote>();
  /** Owed notes appended by this process and not yet read back: not sent again meanwhile. */
  private readonly sent = new Set<string>();
  private sending: Promise<void> = Promise.resolve();
  private retry: { timer: NodeJS.Timeout | null; attempt: number } = { timer: null, attempt: 0 };
  private stopped = false;
  protected override readonly snapshotVersion = 2;

  protected override async settle(): Promise<void> {
    await this.sending;
  }

  override async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry.timer) clearTimeout(this.retry.timer);
    await super.onApplicationShutdown();
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
        this.owed.delete(owedKey(event.data.exportId, event.data.participantId));
        this.sent.delete(owedKey(event.data.exportId, event.data.participantId));
        return;
      }
      case 'SurrogatesAssigned':
        for (const a of event.data.assignments) if (!this.surrogates.has(`${org}/${a.kind}/${a.id}`)) this.surrogates.set(`${org}/${a.kind}/${a.id}`, a.surrogate);
        return;
      case 'ParticipantErased':
        this.oweNotes(org, event.data.participantId, event.data.erasedAt);
        this.snapshotSoon();
        this.sendOwed();
        return;
      default:
        return;
    }
  }

  protected override *snapshotLines(): Generator<string> {
    for (const entry of this.exports.values()) yield JSON.stringify(['export', entry]);
    for (const [key, surrogate] of this.surrogates) yield JSON.stringify(['surrogate', key, surrogate]);
    for (const [key, exportIds] of this.holding) yield JSON.stringify(['holding', key, [...exportIds]]);
    for (const note of this.owed.values()) yield JSON.stringify(['owed', note]);
  }

  protected override restoreLine(text: string): void {
    const line = JSON.parse(text) as ['export', ExportEntry] | ['surrogate', string, string] | ['holding', string, string[]] | ['owed', OwedNote];
    if (line[0] === 'export') this.exports.set(line[1].exportId, line[1]);
    else if (line[0] === 'surrogate') this.surrogates.set(line[1], line[2]);
    else if (line[0] === 'holding') this.holding.set(line[1], new Set(line[2]));
    else if (line[0] === 'owed') {
      this.owed.set(owedKey(line[1].exportId, line[1].participantId), line[1]);
      this.sendOwed();
    } else throw new Error(`unknown export book snapshot line: ${text.slice(0, 40)}`);
  }

  protected override clearState(): void {
    this.exports.clear();
    this.surrogates.clear();
    this.holding.clear();
    this.owed.clear();
    this.sent.clear();
  }

  /** Every published export that held the participant owes a note (its recipients must delete that surrogate's rows). */
  private oweNotes(org: string, participantId: string, erasedAt: string): void {
    const surrogateId = this.surrogate(org, 'participant', participantId);
    if (!surrogateId) return;
    for (const exportId of this.holding.get(`${org}/${participantId}`) ?? []) {
      const entry = this.exports.get(exportId);
      if (!entry || entry.erased.some((e) => e.surrogateId === surrogateId)) continue;
      this.owed.set(owedKey(exportId, participantId), { org, exportId, participantId, surrogateId, erasedAt });
    }
  }

  /** Appends the owed notes not sent yet, one after another; after a failure, tries again with backoff. */
  private sendOwed(): void {
    this.sending = this.sending.then(async () => {
      for (const [key, note] of [...this.owed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (this.stopped) return;
        if (this.sent.has(key) || !this.owed.has(key)) continue;
        try {
          await this.appendNote(note);
          this.sent.add(key);
        } catch (error) {
          this.logger.error(`Could not mark export ${note.exportId} for an erasure (will retry): ${String(error)}`);
          this.retryLater();
          return;
        }
      }
      this.retry.attempt = 0;
    });
  }

  private retryLater(): void {
    if (this.retry.timer || this.stopped) return;
    const delay = backoffDelay(++this.retry.attempt, { initialMs: 250, maxMs: 30_000 });
    this.retry.timer = setTimeout(() => {
      this.retry.timer = null;
      this.sendOwed();
    }, delay);
  }

  private async appendNote({ org, exportId, participantId, surrogateId, erasedAt }: OwedNote): Promise<void> {
    await this.store.append(
      streams.export(exportId),
      [
        {
          eventId: derivedEventId('ExportErasureNoted', exportId, participantId),
          type: 'ExportErasureNoted',
          schemaVersion: SCHEMA_VERSION,
          data: { exportId, participantId, surrogateId, erasedAt },
          metadata: { org, actor: { userId: 'system', role: 'system' }, occurredAt: erasedAt, recordedAt: new Date().toISOString(), correlationId: exportId, causationId: null },
        },
      ],
      'any',
    );
  }
}
