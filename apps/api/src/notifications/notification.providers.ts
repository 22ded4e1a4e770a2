import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { AlertBanner } from './alert-banner.js';
import { AlertDispatcher } from './alert-dispatcher.js';
import { FanOutNotifier } from './fan-out.notifier.js';
import { LogAndBannerNotifier } from './log-and-banner.notifier.js';
import { Notifier } from './notifier.js';
import { WebhookNotifier } from './webhook.notifier.js';

/** The log and the banner always; the webhook too when ALERT_WEBHOOK_URL is set (production). */
export const notificationProviders: Provider[] = [
  AlertBanner,
  AlertDispatcher,
  {
    provide: Notifier,
    inject: [APP_CONFIG, AlertBanner],
    useFactory: (config: AppConfig, banner: AlertBanner): Notifier => {
      const embedded = new LogAndBannerNotifier(banner);
      return config.alertWebhookUrl ? new FanOutNotifier([embedded, new WebhookNotifier({ url: config.alertWebhookUrl })]) : embedded;
    },
  },
];
