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
});
