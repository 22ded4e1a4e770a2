import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '#libs/event-store';
import type { Role } from '#libs/jwt';
import type { ApiOverrides } from '../app.module.js';
import { closeApiApp, createApiApp } from '../bootstrap.js';
import { loadConfig } from '../config/app-config.js';

export interface HttpResult<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface ApiHarness {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly app: INestApplication;
  readonly store: EventStore;
  token(role: Role, sub?: string, org?: string): Promise<string>;
  /** A real HTTP request on loopback; JSON in and out. `body` as a string is sent raw. */
  http(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<HttpResult>;
  close(): Promise<void>;
}

/**
 * chDB allows one live data directory per process (TESTING.md), and a test file may run two
 * apps at once: every app of this process shares one chDB directory, each in a database of its
 * own named after its DATA_DIR (so a restart on the same DATA_DIR finds its tables again).
 */
function sharedChdb(dataDir: string): Record<string, string> {
  const database = `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  return { ANALYTICS_PATH: join(tmpdir(), `api-chdb-${process.pid}`), ANALYTICS_DATABASE: database };
}

/** The real api on a free loopback port over a real SQLite file in a temp DATA_DIR. */
export async function startApi(env: Record<string, string> = {}, overrides: ApiOverrides = {}, dataDir = mkdtempSync(join(tmpdir(), 'api-'))): Promise<ApiHarness> {
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'false', ...sharedChdb(dataDir), ...env });
  const app = await createApiApp(config, overrides);
  app.useLogger(['error']);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const http: ApiHarness['http'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    baseUrl,
    dataDir,
    app,
    store: app.get(EventStore),
    async token(role, sub = `${role}-1`, org = 'org-a') {
      const result = await http('POST', '/api/v1/auth/dev-token', { body: { sub, org, role } });
      if (result.status !== 200) throw new Error(`dev-token failed: ${JSON.stringify(result.body)}`);
      return result.body.token as string;
    },
    http,
    async close() {
      await closeApiApp(app);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
