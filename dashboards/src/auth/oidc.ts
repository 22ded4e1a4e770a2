import type { Role } from '../api/types.js';
import type { Session } from './session.js';

/** GET /api/v1/auth/config: how this server signs people in. */
export type AuthSettings = { mode: 'dev' } | { mode: 'oidc'; issuer: string; clientId?: string; scope: string; audience: string };

/** What the callback needs, kept in sessionStorage across the round trip to the identity provider. */
interface PendingSignIn {
  state: string;
  verifier: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
}

const PENDING = 'group-outcomes.oidc-pending';
export const CALLBACK_PATH = '/auth/callback';

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** PKCE S256: BASE64URL(SHA256(verifier)) (RFC 7636 §4.2, https://www.rfc-editor.org/rfc/rfc7636#section-4.2). */
export async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The identity provider could not be reached (discovery answered ${response.status}).`);
  return (await response.json()) as { authorization_endpoint: string; token_endpoint: string };
}

/**
 * Authorization code flow with PKCE for a public client (no secret in a browser), per
 * RFC 9700 §2.1.1 (https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1): state and the
 * code verifier stay in this tab's sessionStorage; the browser leaves for the provider.
 */
export async function startOidcSignIn(settings: { issuer: string; clientId: string; scope: string }): Promise<void> {
  const { authorization_endpoint, token_endpoint } = await discover(settings.issuer);
  const pending: PendingSignIn = { state: randomString(), verifier: randomString(), tokenEndpoint: token_endpoint, clientId: settings.clientId, redirectUri: `${window.location.origin}${CALLBACK_PATH}` };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: pending.clientId,
    redirect_uri: pending.redirectUri,
    scope: settings.scope,
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** The claims the api reads (libs/jwt OidcVerifier), decoded for display only: the api verifies the signature. */
function claimsOf(token: string): { sub?: unknown; org?: unknown; role?: unknown; name?: unknown } {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The callback: checks state, exchanges the code with the verifier, and returns the session to keep. */
export async function completeOidcSignIn(query: URLSearchParams): Promise<Session> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
  if (query.get('error')) throw new Error(`The identity provider refused the sign-in: ${query.get('error_description') ?? query.get('error')}.`);
  if (!pending || !query.get('state') || query.get('state') !== pending.state) throw new Error('This sign-in was not started from this tab (state mismatch). Please sign in again.');
  const code = query.get('code');
  if (!code) throw new Error('The identity provider sent no authorization code.');
  let response: Response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier }),
    });
  } catch {
    throw new Error('The identity provider could not be reached to finish the sign-in.');
  }
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`The identity provider refused the sign-in (${body.error_description ?? body.error ?? response.status}).`);
  const claims = claimsOf(body.access_token);
  if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || typeof claims.role !== 'string') throw new Error('The access token carries no sub, org and role claims: ask your administrator to add them.');
  return { token: body.access_token, sub: claims.sub, org: claims.org, role: claims.role as Role, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) };
}
