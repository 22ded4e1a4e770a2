import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface OidcUser {
  sub: string;
  org: string;
  role: string;
  name?: string;
}

/**
 * A tiny OpenID provider on loopback for the dashboard's sign-in: discovery, JWKS, an
 * /authorize that signs the configured user in at once and redirects back with a code, and a
 * /token that redeems a code once, only with the PKCE verifier of its S256 challenge
 * (RFC 7636 §4.6), returning an RS256 access token signed by the key in its JWKS.
 */
export class LocalOidcProvider {
  issuer = '';
  /** The browser origin allowed by CORS (the dashboard's, known once the api listens). */
  dashboardOrigin = '';
  user: OidcUser = { sub: 'user-1', org: 'org-a', role: 'director' };
  /** Makes the next authorization record another challenge, so the verifier the client later sends is wrong. */
  mismatchNextChallenge = false;
  readonly tokenRequests: { status: number; error?: string }[] = [];
  private server!: Server;
  private privateKey!: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  private jwk: Record<string, unknown> = {};
  private readonly codes = new Map<string, { challenge: string; clientId: string; redirectUri: string; user: OidcUser }>();

  constructor(
    readonly clientId: string,
    readonly audience: string,
  ) {}

  async start(): Promise<this> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    this.privateKey = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => res.writeHead(500).end()));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** An access token for the user, as /token would issue it (for seeding through the api). */
  accessToken(user: OidcUser): Promise<string> {
    return new SignJWT({ org: user.org, role: user.role, ...(user.name ? { name: user.name } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject(user.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(this.privateKey);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    if (req.headers.origin === this.dashboardOrigin) res.setHeader('Access-Control-Allow-Origin', this.dashboardOrigin);
    if (req.method === 'OPTIONS') return void res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'content-type, accept' }).end();
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, { issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: `${this.issuer}/jwks`, code_challenge_methods_supported: ['S256'] });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [this.jwk] });
    if (url.pathname === '/authorize') return this.authorize(url.searchParams, res);
    if (url.pathname === '/token' && req.method === 'POST') return this.token(new URLSearchParams(await bodyOf(req)), res);
    json(res, 404, { error: 'not_found' });
  }

  private authorize(query: URLSearchParams, res: ServerResponse): void {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== this.clientId || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge') || !redirectUri.startsWith(`${this.dashboardOrigin}/`)) {
      return json(res, 400, { error: 'invalid_request' });
    }
    const code = randomUUID();
    const challenge = this.mismatchNextChallenge ? 'not-the-challenge-of-the-verifier' : query.get('code_challenge')!;
    this.mismatchNextChallenge = false;
    this.codes.set(code, { challenge, clientId: this.clientId, redirectUri, user: this.user });
    const back = new URL(redirectUri);
    back.search = new URLSearchParams({ code, state: query.get('state') ?? '' }).toString();
    res.writeHead(302, { location: back.toString() }).end();
  }

  private async token(form: URLSearchParams, res: ServerResponse): Promise<void> {
    const grant = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? ''); // single use, refused or not
    const verifier = form.get('code_verifier') ?? '';
    const refusal = !grant || form.get('grant_type') !== 'authorization_code' || form.get('client_id') !== grant.clientId || form.get('redirect_uri') !== grant.redirectUri
      ? 'invalid_grant'
      : createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
        ? 'invalid_grant: PKCE verification failed'
        : null;
    if (refusal) {
      this.tokenRequests.push({ status: 400, error: refusal });
      return json(res, 400, { error: 'invalid_grant', error_description: refusal === 'invalid_grant' ? 'unknown or used code' : 'PKCE verification failed' });
    }
    this.tokenRequests.push({ status: 200 });
    json(res, 200, { access_token: await this.accessToken(grant!.user), token_type: 'Bearer', expires_in: 600 });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}
