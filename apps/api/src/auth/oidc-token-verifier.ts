import { Injectable } from '@nestjs/common';
import { OidcVerifier, type Principal } from '#libs/jwt';
import { TokenVerifier } from './token-verifier.js';

/** Production: OIDC access tokens verified against the issuer's JWKS. */
@Injectable()
export class OidcTokenVerifier extends TokenVerifier {
  constructor(private readonly oidc: OidcVerifier) {
    super();
  }

  verify(token: string): Promise<Principal | null> {
    return this.oidc.verify(token);
  }
}
