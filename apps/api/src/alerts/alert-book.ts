import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import type { DomainEvent, RecordedEvent } from '#libs/events';
import { type ReadModel, ReadPositions } from '../directory/read-positions.js';

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
 * An erased participant's alerts leave it.
 */
@Injectable()
export class AlertBook implements OnApplicationBootstrap, OnApplicationShutdown, ReadModel {
  readonly name = 'alerts';
  private readonly logger = new Logger('AlertBook');
  private readonly alerts = new Map<string, AlertEntry>();
  private readonly erased = new Set<string>();
  private reached = 0n;
  private readonly waiters = new Set<() => void>();
  private readonly stop = new AbortController();
  private following: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    positions: ReadPositions,
  ) {
    positions.register(this);
  }

  onApplicationBootstrap(): void {
    this.following = this.follow().catch((error) => this.logger.error(`AlertBook stopped following the store: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.following;
  }

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

  position(): bigint {
    return this.reached;
  }

  /** Waits until the book has applied everything in the store now (read your own write). */
  async catchUp(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached >= position) return true;
    return new Promise((resolve) => {
      const check = () => {
        if (this.reached >= position) finish(true);
      };
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  private async follow(): Promise<void> {
    for await (const event of this.store.subscribeAll({ signal: this.stop.signal })) {
      this.apply(event);
      this.reached = event.position;
      this.waiters.forEach((check) => check());
    }
  }

  private apply(recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as DomainEvent;
    switch (event.type) {
      case 'AlertRaised': {
        const { alertId, alertType, severity, participantId, programId, groupId, measureId, raisedAt, message } = event.data;
        this.alerts.set(alertId, { org: recorded.metadata.org, alertId, type: alertType, severity, participantId, programId, groupId, measureId, raisedAt, message, status: 'open', acknowledgedAt: null });
        return;
      }
      case 'AlertAcknowledged': {
        const entry = this.alerts.get(event.data.alertId);
        if (entry) Object.assign(entry, { status: 'acknowledged', acknowledgedAt: event.data.acknowledgedAt });
        return;
      }
      case 'ParticipantErased':
        this.erased.add(event.data.participantId);
        for (const [alertId, entry] of this.alerts) if (entry.participantId === event.data.participantId) this.alerts.delete(alertId);
        return;
      default:
        return;
    }
  }
}
