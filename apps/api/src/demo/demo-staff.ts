import { createHash } from 'node:crypto';

/** Family names for the demo's staff (made up as a set; staff, not patients, so plain names are fine). */
const FAMILY_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'Haddad', 'Silva', 'Kowalski', 'Brennan', 'Achebe', 'Varga', 'Castillo', 'Nakamura', 'Ferreira', 'Olsen', 'Rahman'];

/**
 * The name a demo staff member is shown by, from their user id: the synthetic generator's ids
 * are `<role>-<first name>[-<n>]` (`therapist-ana`, `therapist-ben-3`), so the first name comes
 * from the id and a family name from a hash of it. The same id always gets the same name.
 */
export function demoStaffName(userId: string): string {
  const parts = userId.split('-');
  const first = parts.length >= 2 && /^[a-z]+$/.test(parts[1]!) ? parts[1]! : userId;
  const family = FAMILY_NAMES[createHash('sha256').update(userId).digest().readUInt32BE(0) % FAMILY_NAMES.length]!;
  return `${first.charAt(0).toUpperCase()}${first.slice(1)} ${family}`;
}

/**
 * Names the given staff of `org` through the public API (PUT /staff/{userId}, as a director of
 * that organization with a dev token, like the rest of the demo seed). Answers the position of
 * the last write ('0' when there was none), for `?minPosition=`.
 */
export async function nameDemoStaff(baseUrl: string, org: string, userIds: Iterable<string>): Promise<string> {
  const base = baseUrl.replace(/\/$/, '');
  const minted = await fetch(`${base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'demo-seed', org, role: 'director' }) });
  if (!minted.ok) throw new Error(`dev-token for the demo seed answered ${minted.status}: ${await minted.text()}`);
  const { token } = (await minted.json()) as { token: string };
  let position = '0';
  for (const userId of new Set(userIds)) {
    const response = await fetch(`${base}/api/v1/staff/${encodeURIComponent(userId)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: demoStaffName(userId) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`PUT /staff/${userId} answered ${response.status}: ${text}`);
    position = (JSON.parse(text) as { position: string }).position;
  }
  return position;
}
