import { type AlertNotice, Notifier } from './notifier.js';

/** Sends to every adapter; one failing does not stop the others, and the failure is reported. */
export class FanOutNotifier extends Notifier {
  constructor(private readonly notifiers: readonly Notifier[]) {
    super();
  }

  async notify(notice: AlertNotice): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map((n) => n.notify(notice)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
