import { webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export type Role = 'director' | 'therapist' | 'researcher' | 'admin';
export const ROLES: readonly Role[] = ['director', 'therapist', 'researcher', 'admin'];

/** The claims every request carries (API.md "Auth"). */
export interface Principal {
  readonly sub: string;
  readonly org: string;
  readonly role: Role;
  readonly name?: string;
}

const ISSUER = 'group-outcomes-dev';
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Dev auth for embedded mode: HS256 tokens signed with a per-installation secret. The
 * production profile refuses this (it verifies OIDC tokens against the issuer's JWKS).
 */
export class DevTokens {
  /**
   * The HMAC key, imported once. Given raw bytes, jose imports them into a WebCrypto key on
   * every sign and verify, which cost about 3 % of the api's CPU per write (docs/benchmarks.md).
   */
  private readonly key: Promise<webcrypto.CryptoKey>;
  /**
   * Tokens that verified, with their principal, until they expire. A client sends the same token
   * on every request; its signature and claims cannot change, so one check per token is enough.
   * Even with the key imported once, WebCrypto HMAC is an async job per call that cost more main-
   * thread time than the rest of auth (CPU profile of bench/http-writes.ts).
   */
  private readonly verified = new Map<string, { readonly principal: Principal; readonly validUntilMs: number }>();

  constructor(
    secret: Buffer,
    private readonly ttlSeconds = 12 * 3600,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('The dev token secret must be at least 32 bytes.');
    // https://developer.mozilla.org/en-US/docs/Web/API/SubtleCrypto/importKey (HS256 = HMAC with SHA-256)
    this.key = webcrypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(principal: Principal): Promise<string> {
    const claims: Record<string, unknown> = { org: principal.org, role: principal.role };
    if (principal.name !== undefined) claims['name'] = principal.name;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.sub)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(await this.key);
  }

  /** The principal, or null for a token that does not verify (bad signature, expired, wrong claims). */
  async verify(token: string): Promise<Principal | null> {
    const known = this.verified.get(token);
    if (known) {
      if (this.now() < known.validUntilMs) return known.principal;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now()),
      });
      const { sub, org, role, name } = payload as Record<string, unknown>;
      if (typeof sub !== 'string' || typeof org !== 'string' || !ROLES.includes(role as Role)) return null;
      const principal: Principal = { sub, org, role: role as Role, ...(typeof name === 'string' ? { name } : {}) };
      if (typeof payload.exp === 'number') this.remember(token, principal, (payload.exp + CLOCK_TOLERANCE_SECONDS) * 1000);
      return principal;
    } catch {
      return null;
    }
  }

  private remember(token: string, principal: Principal, validUntilMs: number): void {
    // A bound, not an LRU: past it (a flood of distinct tokens) we start over, which only costs re-verifying.
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(token, { principal, validUntilMs });
  }
}
