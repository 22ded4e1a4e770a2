import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AlertRaised } from '#libs/events';
import { type AlertNotice, Notifier } from './notifier.js';

/**
 * Sends alerts the moment they are appended, without holding the write's response while a
 * webhook retries: the alert is already a fact in the store (GET /alerts lists it) whatever
 * the delivery does. A delivery that fails for good is logged with ids only.
 * Known gap: a crash between the append and the delivery loses that notification.
 */
@Injectable()
export class AlertDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly notifier: Notifier) {}

  dispatch(org: string, alerts: readonly AlertRaised['data'][]): void {
    for (const alert of alerts) {
      const delivery = this.notifier
        .notify(toNotice(org, alert))
        .catch((error: unknown) => this.logger.error(`Alert ${alert.alertId} not delivered: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** Resolves when every delivery started so far has ended (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

export function toNotice(org: string, alert: AlertRaised['data']): AlertNotice {
  const { alertId, alertType, severity, participantId, programId, groupId, measureId, raisedAt, message } = alert;
  return { org, alertId, type: alertType, severity, participantId, programId, groupId, measureId, raisedAt, message };
}
