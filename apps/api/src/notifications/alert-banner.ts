import { Injectable } from '@nestjs/common';
import type { AlertNotice } from './notifier.js';

/** How many recent critical alerts the dashboard banner keeps per process. */
export const BANNER_CAPACITY = 200;

/**
 * The recent critical alerts of this process, newest first, for the dashboard banner of
 * embedded mode. In memory on purpose: the banner says "just now"; GET /alerts is the record.
 */
@Injectable()
export class AlertBanner {
  private notices: AlertNotice[] = [];

  add(notice: AlertNotice): void {
    this.notices = [notice, ...this.notices.filter((n) => n.alertId !== notice.alertId)].slice(0, BANNER_CAPACITY);
  }

  recent(): readonly AlertNotice[] {
    return this.notices;
  }
}
