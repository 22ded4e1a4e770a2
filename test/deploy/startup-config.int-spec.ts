import { beforeAll, describe, expect, it } from '@jest/globals';
import { AppProcess, assertBuilt, mains } from './support/app-process.js';

/**
 * Every process refuses to start on missing or bad configuration: exit code 78 (EX_CONFIG,
 * sysexits.h) and the offending settings named on stderr, before touching any server.
 */
const cases: [string, keyof typeof mains, Record<string, string>, (string | RegExp)[]][] = [
  ['api, production profile with nothing set', 'api', { APP_PROFILE: 'production' }, ['KEY_ENCRYPTION_KEY', 'OIDC_ISSUER', 'CLICKHOUSE_URL', 'EVENT_STORE']],
  ['api, production profile with dev auth', 'api', { APP_PROFILE: 'production', AUTH: 'dev' }, ['AUTH', /refuses dev auth/]],
  ['api, a key-encryption key of the wrong length', 'api', { KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, ['KEY_ENCRYPTION_KEY', /32 bytes/]],
  ['api, a port that is not a number', 'api', { PORT: 'http' }, ['PORT']],
  ['api, kurrentdb without its URL', 'api', { EVENT_STORE: 'kurrentdb' }, ['KURRENTDB_URL']],
  ['relay, nothing set', 'relay', {}, ['KAFKA_BROKERS']],
  ['relay, kurrentdb (the default) without its URL', 'relay', { KAFKA_BROKERS: '127.0.0.1:9092' }, ['KURRENTDB_URL']],
  ['relay, a broker without a port', 'relay', { EVENT_STORE: 'sqlite', KAFKA_BROKERS: 'kafka' }, ['KAFKA_BROKERS', /host:port/]],
  ['projector, no analytics store', 'projector', { KAFKA_BROKERS: '127.0.0.1:9092' }, ['CLICKHOUSE_URL']],
  // Not `clickhouse:8123`: zod's z.url() takes `clickhouse:` for a scheme, and the process then
  // dies with exit 1 in the ClickHouse client ("protocol must be either http or https").
  ['projector, a ClickHouse URL that is not a URL', 'projector', { KAFKA_BROKERS: '127.0.0.1:9092', CLICKHOUSE_URL: 'not a url' }, ['CLICKHOUSE_URL']],
  ['migrate, no analytics store', 'migrate', {}, ['CLICKHOUSE_URL']],
];

describe('apps refuse to start on bad configuration', () => {
  beforeAll(assertBuilt);

  it.each(cases)('%s: exit 78 naming the setting', async (_label, app, env, named) => {
    const process = new AppProcess(mains[app], env);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([process.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 20_000)))]);
    clearTimeout(timer);
    if (code === 'timeout') await process.stop();
    expect(code).toBe(78);
    expect(process.output()).toMatch(/Invalid (relay |projector )?configuration/);
    for (const name of named) expect(process.output()).toMatch(name);
  });
});
