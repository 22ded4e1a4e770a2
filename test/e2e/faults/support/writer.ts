import { type Actor, type ApiRequest, ORGANIZATION_LANE } from '#libs/synthetic';

export interface Written {
  readonly requests: number;
  /** Requests answered 409 WRONG_EXPECTED_REVISION and sent again (see below). */
  readonly conflictsRetried: number;
}

/**
 * Sends generated requests through the api's public HTTP API like `seedThroughHttp` (lanes in
 * parallel, each in order), but sends a request again when it is answered 409
 * WRONG_EXPECTED_REVISION: the api's alerts reactor appends to participant streams on its own, so
 * a measure recorded right after one can lose the optimistic-concurrency race. A rejected append
 * wrote nothing, so sending it again is what any client does. Any other non-2xx fails the write.
 */
export async function writeThroughApi(baseUrl: string, requests: readonly ApiRequest[], concurrency = 3): Promise<Written> {
  const tokens = new Map<string, Promise<string>>();
  let sent = 0;
  let conflictsRetried = 0;
  const send = async (request: ApiRequest) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(baseUrl + request.path, {
        method: request.method,
        headers: { authorization: `Bearer ${await token(baseUrl, request.actor, tokens)}`, 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
      });
      const text = await response.text();
      if (response.ok) return void (sent += 1);
      if (response.status === 409 && text.includes('WRONG_EXPECTED_REVISION') && attempt < 10) {
        conflictsRetried += 1;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        continue;
      }
      throw new Error(`${request.method} ${request.path} answered ${response.status}: ${text}`);
    }
  };
  const lanes = new Map<string, ApiRequest[]>();
  for (const request of requests) lanes.set(request.lane, [...(lanes.get(request.lane) ?? []), request]);
  for (const request of lanes.get(ORGANIZATION_LANE) ?? []) await send(request);
  lanes.delete(ORGANIZATION_LANE);
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) for (const request of lane) await send(request);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: sent, conflictsRetried };
}

function token(baseUrl: string, actor: Actor, cache: Map<string, Promise<string>>): Promise<string> {
  const key = `${actor.org}\n${actor.sub}\n${actor.role}`;
  let cached = cache.get(key);
  if (!cached) {
    cached = (async () => {
      const response = await fetch(`${baseUrl}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: actor.sub, org: actor.org, role: actor.role, ...(actor.name ? { name: actor.name } : {}) }),
      });
      if (!response.ok) throw new Error(`dev-token for ${actor.sub} answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    })();
    cache.set(key, cached);
  }
  return cached;
}
