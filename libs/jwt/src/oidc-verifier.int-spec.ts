import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { OidcVerifier } from './oidc-verifier.js';

/** A real issuer on loopback: discovery document and JWKS over HTTP; keys can rotate. */
describe('OidcVerifier against a local issuer', () => {
  let server: Server;
  let issuer: string;
  const published: JWK[] = [];
  const keys: Array<{ kid: string; privateKey: PrivateKey }> = [];

  async function addKey(kid: string) {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    published.push({ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' });
    keys.push({ kid, privateKey });
  }

  function sign(kid: string, claims: Record<string, unknown>, options: { iss?: string; aud?: string; exp?: string } = {}) {
    const key = keys.find((k) => k.kid === kid)!;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('user-7')
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? 'group-outcomes')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '5m')
      .sign(key.privateKey);
  }

  beforeAll(async () => {
    await addKey('k1');
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === '/jwks') res.end(JSON.stringify({ keys: published }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a token of the issuer and audience, found through discovery', async () => {
    const verifier = new OidcVerifier({ issuer, audience: 'group-outcomes' });
    const token = await sign('k1', { org: 'clinic-1', role: 'therapist', name: 'Dr Sam' });
    expect(await verifier.verify(token)).toEqual({ sub: 'user-7', org: 'clinic-1', role: 'therapist', name: 'Dr Sam' });
  });

  it('refuses another issuer, another audience, an expired token and an unknown role', async () => {
    const verifier = new OidcVerifier({ issuer, audience: 'group-outcomes', clockToleranceSeconds: 5 });
    expect(await verifier.verify(await sign('k1', { org: 'c', role: 'director' }, { iss: 'https://evil.example' }))).toBeNull();
    expect(await verifier.verify(await sign('k1', { org: 'c', role: 'director' }, { aud: 'other-app' }))).toBeNull();
    expect(await verifier.verify(await sign('k1', { org: 'c', role: 'director' }, { exp: '-1m' }))).toBeNull();
    expect(await verifier.verify(await sign('k1', { org: 'c', role: 'superuser' }))).toBeNull();
  });

  it('follows a key rotation at the issuer without a restart', async () => {
    const verifier = new OidcVerifier({ issuer, audience: 'group-outcomes', jwksUrl: `${issuer}/jwks` });
    expect(await verifier.verify(await sign('k1', { org: 'c', role: 'admin' }))).not.toBeNull();
    await addKey('k2');
    // jose refetches an unknown kid after its cooldown (30 s by default); a new verifier shows the
    // rotated set is served and accepted. The cooldown is the library's documented behaviour.
    const fresh = new OidcVerifier({ issuer, audience: 'group-outcomes', jwksUrl: `${issuer}/jwks` });
    expect(await fresh.verify(await sign('k2', { org: 'c', role: 'admin' }))).toMatchObject({ role: 'admin' });
  });
});
