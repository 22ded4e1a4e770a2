import { DependencyUnavailable } from '#libs/errors';
import { type AlertNotice, Notifier } from './notifier.js';

export interface WebhookOptions {
  readonly url: string;
  /** Tries in all, the first included. */
  readonly attempts?: number;
  /** Wait before retry n is baseDelayMs × 2^(n-1). */
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
}

/**
 * Production: POSTs the notice as JSON to a configured URL (ALERT_WEBHOOK_URL). Retries a
 * network error, a timeout, 429 and 5xx with exponential backoff; any other status is the
 * receiver refusing the message, which a retry would not change. Each request carries the
 * alert id as `Idempotency-Key` so a receiver can drop the duplicates that retries make.
 */
export class WebhookNotifier extends Notifier {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookOptions) {
    super();
    this.attempts = options.attempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async notify(notice: AlertNotice): Promise<void> {
    let last = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.baseDelayMs * 2 ** (attempt - 2)));
      try {
        const response = await fetch(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': notice.alertId },
          body: JSON.stringify({ kind: 'alert', ...notice }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        last = `HTTP ${response.status}`;
        if (response.status !== 429 && response.status < 500) break;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
    }
    throw new DependencyUnavailable('alert webhook', `alert ${notice.alertId} not delivered: ${last}`, 30);
  }
}
