import { Logger } from '@nestjs/common';
import type { AlertBanner } from './alert-banner.js';
import { type AlertNotice, Notifier } from './notifier.js';

/** Embedded mode: a log line (ids only, never the participant's identifiers) and the banner. */
export class LogAndBannerNotifier extends Notifier {
  private readonly logger = new Logger('Alerts');

  constructor(private readonly banner: AlertBanner) {
    super();
  }

  async notify(notice: AlertNotice): Promise<void> {
    this.banner.add(notice);
    this.logger.warn(`${notice.severity} ${notice.type} alert ${notice.alertId}: participant ${notice.participantId}, program ${notice.programId}, measure ${notice.measureId ?? '-'}`);
  }
}
