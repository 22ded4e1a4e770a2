import { Controller, Get, Inject } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { defineRoute } from '../openapi/routes.js';
import { Public } from './auth.guard.js';

defineRoute({ method: 'get', path: '/auth/config', summary: 'How the dashboard signs in: dev sign-in, or the OIDC issuer and public client id', tag: 'auth', status: 200, public: true });

/** What the sign-in screen needs before anyone is signed in; nothing here is a secret (a public client has none). */
export type AuthSettings = { mode: 'dev' } | { mode: 'oidc'; issuer: string; clientId?: string; scope: string; audience: string };

export function authSettings(config: AppConfig): AuthSettings {
  if (config.auth === 'dev' || !config.oidc) return { mode: 'dev' };
  const { issuer, clientId, scope, audience } = config.oidc;
  return { mode: 'oidc', issuer, ...(clientId ? { clientId } : {}), scope, audience };
}

@Controller('api/v1/auth')
export class AuthConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get('config')
  settings(): AuthSettings {
    return authSettings(this.config);
  }
}
