import { type Actor, type ApiRequest, ORGANIZATION_LANE, type RequestKind } from './requests.js';

export interface SeedOptions {
  /** Lanes (groups) sent at the same time. Default 4. */
  readonly concurrency?: number;
}

export interface SeedResult {
  readonly requests: number;
  readonly byKind: Readonly<Partial<Record<RequestKind, number>>>;
  readonly milliseconds: number;
}

export class SeedFailed extends Error {
  constructor(
    readonly request: ApiRequest,
    readonly status: number,
    readonly responseBody: string,
  ) {
    super(`${request.method} ${request.path} as ${request.actor.role} ${request.actor.sub} answered ${status}: ${responseBody}\nbody sent: ${JSON.stringify(request.body).slice(0, 2000)}`);
    this.name = 'SeedFailed';
  }
}

/**
 * Sends generated requests to a running api through its public HTTP API, with one dev token per
 * actor (POST /api/v1/auth/dev-token). The organization lane goes first; then up to
 * `concurrency` lanes at a time, each strictly in order. The first non-2xx answer stops
 * everything and rejects with SeedFailed carrying the response body.
 */
export async function seedThroughHttp(baseUrl: string, requests: Iterable<ApiRequest>, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const base = baseUrl.replace(/\/$/, '');
  const lanes = new Map<string, ApiRequest[]>();
  for (const request of requests) {
    const lane = lanes.get(request.lane);
    if (lane) lane.push(request);
    else lanes.set(request.lane, [request]);
  }
  const tokens = new Map<string, Promise<string>>();
  const byKind: Partial<Record<RequestKind, number>> = {};
  let failure: unknown = null;

  const send = async (request: ApiRequest) => {
    const token = await tokenFor(base, request.actor, tokens);
    const response = await fetch(base + request.path, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request.body),
    });
    const text = await response.text();
    if (!response.ok) throw new SeedFailed(request, response.status, text);
    byKind[request.kind] = (byKind[request.kind] ?? 0) + 1;
  };
  const runLane = async (lane: readonly ApiRequest[]) => {
    for (const request of lane) {
      if (failure) return;
      await send(request);
    }
  };

  await runLane(lanes.get(ORGANIZATION_LANE) ?? []);
  lanes.delete(ORGANIZATION_LANE);
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane && !failure; lane = queue.shift()) {
      await runLane(lane).catch((error: unknown) => {
        failure ??= error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  if (failure) throw failure;
  const total = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  return { requests: total, byKind, milliseconds: Math.round(performance.now() - started) };
}

function tokenFor(base: string, actor: Actor, cache: Map<string, Promise<string>>): Promise<string> {
  const key = `${actor.org}\n${actor.sub}\n${actor.role}`;
  let token = cache.get(key);
  if (!token) {
    token = (async () => {
      const response = await fetch(`${base}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: actor.sub, org: actor.org, role: actor.role, ...(actor.name ? { name: actor.name } : {}) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`dev-token for ${actor.sub} answered ${response.status}: ${text}`);
      return (JSON.parse(text) as { token: string }).token;
    })();
    cache.set(key, token);
  }
  return token;
}
