import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventStore } from '#libs/event-store';
import { type AuditRecorded, SCHEMA_VERSION, streams } from '#libs/events';
import type { Principal } from '#libs/jwt';
import { Clock } from '#libs/system';
import type { Purpose } from './purpose.js';

export interface AuditEntry {
  /** e.g. `participant.read`, `participants.list`, `participant.erase`, `export.create`. */
  readonly action: string;
  /** A path of ids only, e.g. `participants/<uuid>`. */
  readonly resource: string;
  readonly purpose: Purpose;
  /** Participant ids whose identifiable data this action disclosed or removed. */
  readonly subjects: readonly string[];
}

export type AuditItem = Omit<AuditRecorded['data'], 'subjects'> & { readonly subjects: readonly string[] };

/** At most this many days per GET /audit, so one request reads a bounded number of streams. */
export const MAX_AUDIT_DAYS = 366;

/**
 * The audit trail (PRIVACY.md "Access"): one append-only stream per organization and UTC day
 * (`audit-<org>-<YYYY-MM-DD>`) in the event store, so it is as durable as the data it
 * describes and needs no other database. Records hold ids, never identifiers, and nothing
 * ever rewrites them, so they survive erasure. A read is recorded before its answer leaves
 * (callers await `record` first): a disclosure that could not be audited does not happen.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async record(principal: Principal, entry: AuditEntry): Promise<void> {
    const at = this.clock.now().toISOString();
    const data: AuditRecorded['data'] = { at, actor: principal.sub, role: principal.role, ...entry, subjects: [...entry.subjects] };
    await this.store.append(
      streams.audit(principal.org, at.slice(0, 10)),
      [
        {
          eventId: randomUUID(),
          type: 'AuditRecorded',
          schemaVersion: SCHEMA_VERSION,
          data,
          metadata: { org: principal.org, actor: { userId: principal.sub, role: principal.role }, occurredAt: at, recordedAt: at, correlationId: randomUUID(), causationId: null },
        },
      ],
      'any',
    );
  }

  /** The organization's records of the UTC days `from` to `to` inclusive, oldest first. */
  async read(org: string, from: string, to: string): Promise<AuditItem[]> {
    const items: AuditItem[] = [];
    for (const day of daysBetween(from, to)) {
      for (const event of await this.store.readStream(streams.audit(org, day))) {
        if (event.type === 'AuditRecorded' && event.metadata.org === org) items.push(event.data as AuditItem);
      }
    }
    return items;
  }
}

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
