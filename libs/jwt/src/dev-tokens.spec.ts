import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DevTokens } from './dev-tokens.js';

describe('DevTokens', () => {
  const tokens = new DevTokens(randomBytes(32));

  it('round-trips the principal', async () => {
    const token = await tokens.issue({ sub: 'u1', org: 'demo', role: 'therapist', name: 'Sam' });
    expect(await tokens.verify(token)).toEqual({ sub: 'u1', org: 'demo', role: 'therapist', name: 'Sam' });
  });

  it('rejects a token signed with another secret, a tampered one and an expired one', async () => {
    const other = await new DevTokens(randomBytes(32)).issue({ sub: 'u1', org: 'demo', role: 'director' });
    expect(await tokens.verify(other)).toBeNull();
    const good = await tokens.issue({ sub: 'u1', org: 'demo', role: 'director' });
    const [h, p, s] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), org: 'other' })).toString('base64url');
    expect(await tokens.verify(`${h}.${forged}.${s}`)).toBeNull();
    const expired = await new DevTokens(Buffer.alloc(32, 7), -120).issue({ sub: 'u1', org: 'demo', role: 'director' });
    expect(await new DevTokens(Buffer.alloc(32, 7)).verify(expired)).toBeNull();
  });

  it('answers a token it verified before from memory until the token expires', async () => {
    let now = Date.now();
    const clocked = new DevTokens(Buffer.alloc(32, 9), 60, () => now);
    const token = await clocked.issue({ sub: 'u2', org: 'demo', role: 'admin' });
    expect(await clocked.verify(token)).toEqual({ sub: 'u2', org: 'demo', role: 'admin' });
    now += 60_000; // at expiry, still inside the 30 s clock tolerance
    expect(await clocked.verify(token)).toEqual({ sub: 'u2', org: 'demo', role: 'admin' });
    now += 31_000;
    expect(await clocked.verify(token)).toBeNull();
    expect(await clocked.verify(token)).toBeNull();
  });

  it('does not let a remembered token vouch for a tampered copy', async () => {
    const token = await tokens.issue({ sub: 'u3', org: 'demo', role: 'researcher' });
    expect(await tokens.verify(token)).not.toBeNull();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(await tokens.verify(`${h}.${forged}.${s}`)).toBeNull();
    expect(await tokens.verify(token)).toEqual({ sub: 'u3', org: 'demo', role: 'researcher' });
  });
});
