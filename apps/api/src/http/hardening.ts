import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a request hook answers in place of the api (a preflight, a 429), or nothing to go on. */
export interface EarlyAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Runs before routing on every request (bootstrap.ts adds each as an `onRequest` hook). On
 * Node's own request and response, so it does not depend on the HTTP platform: headers set on
 * the response are merged into whatever the api answers later, errors and 404s included.
 */
export type RequestHook = (request: IncomingMessage, response: ServerResponse) => EarlyAnswer | undefined;

/**
 * Security headers on every response (OWASP Secure Headers Project,
 * https://owasp.org/www-project-secure-headers/). The dashboard is served from the same
 * origin, so 'self' covers its scripts; recharts sets inline styles, hence style-src inline.
 */
export function securityHeaders(options: { hsts: boolean }): RequestHook {
  return (_request, response) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    response.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (options.hsts) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    return undefined;
  };
}

/**
 * CORS is closed unless origins are listed: the dashboard is same-origin and needs none.
 * A listed origin gets the headers; any other cross-origin request gets none (the browser blocks it).
 */
export function cors(allowedOrigins: readonly string[]): RequestHook {
  return (request, response) => {
    const origin = request.headers.origin;
    if (origin && allowedOrigins.includes(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Vary', 'Origin');
      response.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, idempotency-key, x-correlation-id');
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      if (request.method === 'OPTIONS') return { status: 204 };
    }
    return undefined;
  };
}

/**
 * Token buckets: one per caller (the bearer token) and one per client address. The address
 * bucket stops a client that invents a new bearer token for every request (each would get a
 * fresh token bucket); it allows `perMinute × addressFactor`. Over either: 429 problem+json
 * with Retry-After. In-process, so each api replica limits on its own.
 */
export function rateLimit(perMinute: number, options: { addressFactor?: number; now?: () => number } = {}): RequestHook {
  const tokens = new Buckets(perMinute, options.now ?? Date.now);
  const addresses = new Buckets(perMinute * (options.addressFactor ?? 4), options.now ?? Date.now);
  return (request) => {
    const address = `ip:${request.socket.remoteAddress}`;
    const token = request.headers.authorization ? createHash('sha256').update(request.headers.authorization).digest('base64url') : address;
    const wait = Math.max(addresses.take(address), tokens.take(token));
    return wait > 0 ? tooMany(wait, perMinute) : undefined;
  };
}

/** A strict per-address limit for one path (kiosk sign-in: codes must not be guessable by volume). */
export function strictRateLimit(path: string, perMinute: number, now: () => number = Date.now): RequestHook {
  const addresses = new Buckets(perMinute, now);
  return (request) => {
    if (request.url?.split('?')[0] !== path) return undefined;
    const wait = addresses.take(`ip:${request.socket.remoteAddress}`);
    return wait > 0 ? tooMany(wait, perMinute) : undefined;
  };
}

function tooMany(retryAfterSeconds: number, perMinute: number): EarlyAnswer {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds), 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429, detail: `Rate limit of ${perMinute} requests per minute exceeded.`, code: 'RATE_LIMITED' }),
  };
}

/** Buckets refilling `perMinute` evenly, bursting to the same number. take() → seconds to wait (0: allowed). */
class Buckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly ratePerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.ratePerMs = perMinute / 60000;
  }

  take(key: string): number {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (t - bucket.at) * this.ratePerMs);
    bucket.at = t;
    if (this.buckets.size > 100_000) this.buckets.clear(); // bound memory under a flood of distinct callers
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerMs / 1000));
    bucket.tokens -= 1;
    return 0;
  }
}
