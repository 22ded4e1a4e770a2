import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers on every response (OWASP Secure Headers Project,
 * https://owasp.org/www-project-secure-headers/). The dashboard is served from the same
 * origin, so 'self' covers its scripts; recharts sets inline styles, hence style-src inline.
 */
export function securityHeaders(options: { hsts: boolean }) {
  return (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    response.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (options.hsts) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    response.removeHeader('X-Powered-By');
    next();
  };
}

/**
 * CORS is closed unless origins are listed: the dashboard is same-origin and needs none.
 * A listed origin gets the headers; any other cross-origin request gets none (the browser blocks it).
 */
export function cors(allowedOrigins: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction) => {
    const origin = request.headers.origin;
    if (origin && allowedOrigins.includes(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Vary', 'Origin');
      response.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, idempotency-key, x-correlation-id');
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      if (request.method === 'OPTIONS') return void response.status(204).end();
    }
    next();
  };
}

/**
 * A token bucket per caller (the bearer token, or the client address without one): `perMinute`
 * requests refill evenly, bursts up to the same number. Over it: 429 problem+json with
 * Retry-After. In-process, so each api replica limits on its own.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = perMinute / 60000;
  return (request: Request, response: Response, next: NextFunction) => {
    const caller = request.headers.authorization ? createHash('sha256').update(request.headers.authorization).digest('base64url') : `ip:${request.socket.remoteAddress}`;
    const t = now();
    const bucket = buckets.get(caller) ?? { tokens: perMinute, at: t };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * ratePerMs);
    bucket.at = t;
    buckets.set(caller, bucket);
    if (buckets.size > 100_000) buckets.clear(); // bound memory under a flood of distinct callers
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
      response.setHeader('Retry-After', String(retryAfter));
      response.status(429).type('application/problem+json').send(
        JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429, detail: `Rate limit of ${perMinute} requests per minute exceeded.`, code: 'RATE_LIMITED' }),
      );
      return;
    }
    bucket.tokens -= 1;
    next();
  };
}
