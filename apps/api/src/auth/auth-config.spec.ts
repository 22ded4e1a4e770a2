import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { contentSecurityPolicy } from '../dashboard/dashboard-files.js';
import { authSettings } from './auth-config.controller.js';

describe('GET /auth/config settings', () => {
  it('says dev in embedded dev auth, and tells nothing about OIDC', () => {
    expect(authSettings(loadConfig({ DATA_DIR: '/tmp/x' }))).toEqual({ mode: 'dev' });
  });

  it('gives the issuer, public client id, scope (default openid profile) and audience with OIDC auth', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/x', AUTH: 'oidc', OIDC_ISSUER: 'https://id.example/realms/a', OIDC_AUDIENCE: 'group-outcomes', OIDC_CLIENT_ID: 'dashboard' });
    expect(authSettings(config)).toEqual({ mode: 'oidc', issuer: 'https://id.example/realms/a', clientId: 'dashboard', scope: 'openid profile', audience: 'group-outcomes' });
  });

  it('leaves the client id out when it is not configured (the dashboard then says sign-in is not set up)', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/x', AUTH: 'oidc', OIDC_ISSUER: 'https://id.example', OIDC_AUDIENCE: 'a', OIDC_SCOPE: 'openid' });
    expect(authSettings(config)).toEqual({ mode: 'oidc', issuer: 'https://id.example', scope: 'openid', audience: 'a' });
  });
});

describe('dashboard Content-Security-Policy', () => {
  it('connects only to its own origin unless another is listed', () => {
    expect(contentSecurityPolicy([])).toContain("connect-src 'self';");
    expect(contentSecurityPolicy(['https://id.example'])).toContain("connect-src 'self' https://id.example;");
  });
});
