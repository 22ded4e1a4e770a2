import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, assertBuilt, closedPort, health, healthUntil, mains } from './support/app-process.js';

/**
 * A process whose servers are down still starts, answers /health with 503 and why, and keeps
 * retrying with backoff (so an orchestrator holds traffic back and does not crash-loop it).
 * Servers "down" = loopback ports nothing listens on. The relay and projector against the real
 * broker (and broker restarts) are covered by the fault tests in test/e2e/faults.
 */
const HEALTH_URL = /health on (http:\/\/\S+\/health)/;
const API_URL = /listening on (http:\/\/\S+)/;

describe('apps start and report unhealthy while a server they need is down', () => {
  const started: AppProcess[] = [];
  const dirs: string[] = [];
  const start = (main: string, env: Record<string, string>) => {
    const app = new AppProcess(main, env);
    started.push(app);
    return app;
  };
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-startup-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(assertBuilt);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((app) => app.stop()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('relay: KurrentDB and Kafka down → 503 naming both, topics retried with backoff', async () => {
    const relay = start(mains.relay, {
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: `kurrentdb://127.0.0.1:${await closedPort()}?tls=false`,
      KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`,
      DATA_DIR: tempDir(),
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
    });
    const url = await relay.waitFor(HEALTH_URL, 30_000);
    const first = await health(url);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ status: 'unhealthy', kafkaTopics: 'not ready', eventStore: { head: null, error: expect.stringMatching(/KurrentDB/) } });
    // kafkajs' own retries run out (~13 s), then the app's backoff loop takes over.
    await relay.waitFor(/Topics not ready \(attempt 1\)/, 60_000);
    expect(relay.running()).toBe(true);
    expect((await health(url)).status).toBe(503);
  }, 120_000);

  it('projector: Kafka down → 503 once the consumer fails, then retrying', async () => {
    const projector = start(mains.projector, { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`, ANALYTICS_PATH: join(tempDir(), 'analytics'), HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1' });
    const url = await projector.waitFor(HEALTH_URL, 60_000);
    // Until kafkajs gives up on its first connection (~13 s) no attempt has failed yet, and
    // /health still says ok: a known gap reported with this test.
    const unhealthy = await healthUntil(url, (h) => h.status === 503, 60_000);
    expect(unhealthy.status).toBe(503);
    expect(unhealthy.body).toMatchObject({ status: 'unhealthy', analytics: { error: null }, projector: { healthy: false, lastError: expect.stringMatching(/ECONNREFUSED/) } });
    await projector.waitFor(/\(retrying\)/, 30_000);
    expect(projector.running()).toBe(true);
  }, 150_000);

  it('api: KurrentDB down → 503 problem+json naming KurrentDB, and it stays up', async () => {
    // The embedded profile on the KurrentDB adapter: the production profile cannot start here
    // at all (see the .failing test below).
    const api = start(mains.api, { PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'false', EVENT_STORE: 'kurrentdb', KURRENTDB_URL: `kurrentdb://127.0.0.1:${await closedPort()}?tls=false` });
    const base = await api.waitFor(API_URL, 90_000);
    const first = await health(`${base}/health`);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', detail: expect.stringMatching(/KurrentDB/) });
    await api.waitFor(/Relay failed \(attempt 2\), retrying/, 30_000);
    expect(api.running()).toBe(true);
    expect((await health(`${base}/health`)).status).toBe(503);
  }, 150_000);

  it('projector: ClickHouse down → starts and reports 503', async () => {
    const projector = start(mains.projector, { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`, CLICKHOUSE_URL: `http://127.0.0.1:${await closedPort()}`, HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1' });
    const url = await projector.waitFor(HEALTH_URL, 30_000);
    expect((await health(url)).status).toBe(503);
  }, 60_000);

  it('api, production profile with its servers down → starts and reports 503', async () => {
    const closed = await closedPort();
    const api = start(mains.api, {
      APP_PROFILE: 'production',
      PORT: '0',
      DATA_DIR: tempDir(),
      OIDC_ISSUER: 'https://idp.example.org/realms/clinic',
      OIDC_AUDIENCE: 'group-outcomes',
      OIDC_JWKS_URL: `http://127.0.0.1:${closed}/jwks`,
      KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: `kurrentdb://127.0.0.1:${closed}?tls=false`,
      CLICKHOUSE_URL: `http://127.0.0.1:${closed}`,
    });
    const base = await api.waitFor(API_URL, 60_000);
    expect((await health(`${base}/health`)).status).toBe(503);
  }, 90_000);
});
