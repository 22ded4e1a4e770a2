/**
 * An alert to be sent at once (OUTCOMES.md "Alerts": the critical item notifies through a
 * notification port). Ids and the instrument's own alert text only: no name, no free text.
 */
export interface AlertNotice {
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
}

/**
 * The notification port (an abstract class, so it is also the Nest DI token). Adapters:
 * LogAndBannerNotifier (embedded), WebhookNotifier (production), FanOutNotifier (both).
 * notify resolves when the notice is delivered and rejects when it could not be.
 */
export abstract class Notifier {
  abstract notify(notice: AlertNotice): Promise<void>;
}
