import { Injectable } from '@nestjs/common';
import { DevTokens, type Principal } from '#libs/jwt';
import { TokenVerifier } from './token-verifier.js';

@Injectable()
export class DevTokenVerifier extends TokenVerifier {
  constructor(private readonly tokens: DevTokens) {
    super();
  }

  verify(token: string): Promise<Principal | null> {
    return this.tokens.verify(token);
  }
}
