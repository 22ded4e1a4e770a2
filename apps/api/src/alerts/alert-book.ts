import { Injectable } from '@nestjs/common';
import type { DomainEvent, RecordedEvent } from '#libs/events';
import { StoreFollower } from '../directory/store-follower.js';
import { newestFirst } from './newest-first.js';

export interface AlertEntry {
  readonly org: string;
  readonly alertId: string;
  readonly type: string;
  readonly severity: 'high' | 'medium' | 'low';
  readonly participantId: string;
  readonly programId: string;
  readonly groupId: string | null;
  readonly measureId: string | null;
  readonly raisedAt: string;
  readonly message: string;
  status: 'open' | 'acknowledged';
  acknowledgedAt: string | null;
}

/**
 * The api's read model of alerts: GET /alerts lists from it, and it answers "whose alert is
 * this" for POST /alerts/{alertId}/acknowledge (the acknowledgement itself is then decided on
 * the participant's stream, which is the consistent record). Alert ids stay plain UUIDs
 * (API.md) instead of encoding the participant in them. Follows the event store like the
 * Directory, so it is eventually consistent: `?minPosition=` waits for it too.
 * An erased participant's alerts leave it. Snapshots (StoreFollower) save the alerts and the
 * erased ids as they are here.
 */
@Injectable()
export class AlertBook extends StoreFollower {
  readonly name = 'alerts';
  private readonly alerts = new Map<string, AlertEntry>();
  private readonly erased = new Set<string>();
  /**
   * Every alert newest first, kept between requests: sorting ~33 000 alerts (10 M events) was
   * ~40 ms of each GET /alerts (docs/benchmarks.md, issue 7, sixth pass). A new alert is
   * inserted in place; anything else that adds or removes one drops it (sorted again on use).
   */
  private sorted: AlertEntry[] | null = null;
  protected override readonly snapshotVersion = 1;

  get(alertId: string): AlertEntry | undefined {
    return this.alerts.get(alertId);
  }

  /** The participant was erased: nothing about them may be shown any more (the banner asks). */
  isErased(participantId: string): boolean {
    return this.erased.has(participantId);
  }

  list(): AlertEntry[] {
    return [...this.alerts.values()];
  }

  /** Every alert, newest first (newest-first.ts); the caller must not change the array. */
  newestFirst(): readonly AlertEntry[] {
    this.sorted ??= this.list().sort(newestFirst);
    return this.sorted;
  }

  private raised(entry: AlertEntry, replaced: boolean): void {
    if (!this.sorted) return;
    if (replaced) {
      this.sorted = null;
      return;
    }
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newestFirst(this.sorted[middle]!, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    this.sorted.splice(low, 0, entry);
  }

  /** Waits until the book has applied everything in the store now (read your own write). */
  async catchUp(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  protected apply(recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as DomainEvent;
    switch (event.type) {
      case 'AlertRaised': {
        const { alertId, alertType, severity, participantId, programId, groupId, measureId, raisedAt, message } = event.data;
        const entry: AlertEntry = { org: recorded.metadata.org, alertId, type: alertType, severity, participantId, programId, groupId, measureId, raisedAt, message, status: 'open', acknowledgedAt: null };
        const replaced = this.alerts.has(alertId);
        this.alerts.set(alertId, entry);
        this.raised(entry, replaced);
        return;
      }
      case 'AlertAcknowledged': {
        const entry = this.alerts.get(event.data.alertId);
        if (entry) Object.assign(entry, { status: 'acknowledged', acknowledgedAt: event.data.acknowledgedAt });
        return;
      }
      case 'ParticipantErased':
        this.snapshotSoon(); // the last snapshot still holds their alerts
        this.erased.add(event.data.participantId);
        this.sorted = null;
        for (const [alertId, entry] of this.alerts) if (entry.participantId === event.data.participantId) this.alerts.delete(alertId);
        return;
      default:
        return;
    }
  }

  protected override *snapshotLines(): Generator<string> {
    for (const entry of this.alerts.values()) yield JSON.stringify(['alert', entry]);
    for (const id of this.erased) yield JSON.stringify(['erased', id]);
  }

  protected override restoreLine(text: string): void {
    const line = JSON.parse(text) as ['alert', AlertEntry] | ['erased', string];
    this.sorted = null;
    if (line[0] === 'alert') this.alerts.set(line[1].alertId, line[1]);
    else if (line[0] === 'erased') this.erased.add(line[1]);
    else throw new Error(`unknown alert book snapshot line: ${text.slice(0, 40)}`);
  }

  protected override clearState(): void {
    this.alerts.clear();
    this.erased.clear();
    this.sorted = null;
  }
}
