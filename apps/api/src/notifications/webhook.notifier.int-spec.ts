import { afterEach, describe, expect, it } from '@jest/globals';
import { DependencyUnavailable } from '#libs/errors';
import { AlertBanner } from './alert-banner.js';
import { FanOutNotifier } from './fan-out.notifier.js';
import { LogAndBannerNotifier } from './log-and-banner.notifier.js';
import type { AlertNotice } from './notifier.js';
import { type HookServer, startHookServer } from './testing/hook-server.js';
import { WebhookNotifier } from './webhook.notifier.js';

const notice: AlertNotice = {
  org: 'org-a',
  alertId: 'a1b2c3d4-0000-4000-8000-000000000001',
  type: 'critical_item',
  severity: 'high',
  participantId: 'p-1',
  programId: 'prog-1',
  groupId: null,
  measureId: 'm-1',
  raisedAt: '2026-03-10T12:00:00.000Z',
  message: 'PHQ-9 item 9 above 0',
};

describe('WebhookNotifier against a local HTTP server', () => {
  let server: HookServer | undefined;
  afterEach(async () => server?.close());

  it('POSTs the notice as JSON with the alert id as Idempotency-Key', async () => {
    server = await startHookServer();
    await new WebhookNotifier({ url: server.url }).notify(notice);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.headers['content-type']).toBe('application/json');
    expect(server.received[0]!.headers['idempotency-key']).toBe(notice.alertId);
    expect(server.received[0]!.body).toEqual({ kind: 'alert', ...notice });
  });

  it('retries 503 and 429 until the receiver accepts', async () => {
    server = await startHookServer([503, 429]);
    await new WebhookNotifier({ url: server.url, baseDelayMs: 1 }).notify(notice);
    expect(server.received).toHaveLength(3);
  });

  it('does not retry a refusal (400) and reports it', async () => {
    server = await startHookServer([400]);
    await expect(new WebhookNotifier({ url: server.url, baseDelayMs: 1 }).notify(notice)).rejects.toThrow(DependencyUnavailable);
    expect(server.received).toHaveLength(1);
  });

  it('gives up after its attempts when the receiver keeps failing', async () => {
    server = await startHookServer([500, 500, 500]);
    await expect(new WebhookNotifier({ url: server.url, attempts: 3, baseDelayMs: 1 }).notify(notice)).rejects.toThrow(/HTTP 500/);
    expect(server.received).toHaveLength(3);
  });

  it('reports an unreachable receiver', async () => {
    server = await startHookServer();
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(new WebhookNotifier({ url, attempts: 2, baseDelayMs: 1 }).notify(notice)).rejects.toThrow(DependencyUnavailable);
  });

  it('fan-out still fills the banner when the webhook fails, and reports the failure', async () => {
    server = await startHookServer([400]);
    const banner = new AlertBanner();
    const notifier = new FanOutNotifier([new LogAndBannerNotifier(banner), new WebhookNotifier({ url: server.url })]);
    await expect(notifier.notify(notice)).rejects.toThrow(DependencyUnavailable);
    expect(banner.recent()).toEqual([notice]);
  });
});
