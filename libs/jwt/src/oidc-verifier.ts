import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { type Principal, type Role, ROLES } from './dev-tokens.js';

export interface OidcOptions {
  /** Expected `iss`. */
  readonly issuer: string;
  /** Expected `aud`. */
  readonly audience: string;
  /** The issuer's JWKS; when absent it is read from `${issuer}/.well-known/openid-configuration`. */
  readonly jwksUrl?: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  readonly clockToleranceSeconds?: number;
  readonly orgClaim?: string;
  readonly roleClaim?: string;
}

/**
 * Production authentication: verifies OIDC access tokens against the issuer's JWKS (issuer,
 * audience, expiry, clock skew). jose's remote key set refetches on an unknown `kid`, so a key
 * rotation at the issuer needs no restart (https://github.com/panva/jose/blob/main/docs/jwks/remote/functions/createRemoteJWKSet.md).
 */
export class OidcVerifier {
  private keys: JWTVerifyGetKey | null = null;

  constructor(private readonly options: OidcOptions) {}

  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 60,
      });
      const org = payload[this.options.orgClaim ?? 'org'];
      const role = payload[this.options.roleClaim ?? 'role'];
      const name = payload['name'];
      if (typeof payload.sub !== 'string' || typeof org !== 'string' || !ROLES.includes(role as Role)) return null;
      return { sub: payload.sub, org, role: role as Role, ...(typeof name === 'string' ? { name } : {}) };
    } catch {
      return null;
    }
  }

  private async keySet(): Promise<JWTVerifyGetKey> {
    if (this.keys) return this.keys;
    let jwksUrl = this.options.jwksUrl;
    if (!jwksUrl) {
      const discovery = await fetch(`${this.options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
      if (!discovery.ok) throw new Error(`OIDC discovery failed with ${discovery.status}`);
      jwksUrl = ((await discovery.json()) as { jwks_uri: string }).jwks_uri;
    }
    this.keys = createRemoteJWKSet(new URL(jwksUrl));
    return this.keys;
  }
}
