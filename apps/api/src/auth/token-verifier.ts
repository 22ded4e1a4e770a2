import type { Principal } from '#libs/jwt';

/** Turns a bearer token into the caller, or null. Dev tokens in embedded mode; OIDC in production. */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Principal | null>;
}
