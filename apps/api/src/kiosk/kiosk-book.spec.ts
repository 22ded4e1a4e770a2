import { describe, expect, it } from '@jest/globals';
import { FixedClock } from '#libs/system';
import { CODE_LIFETIME_MS, type KioskGrant, KioskBook, normalizeCode, TOKEN_LIFETIME_MS } from './kiosk-book.js';

const START = new Date('2026-03-10T12:00:00Z');
const grant = (participantId: string): KioskGrant => ({ org: 'org-a', groupId: 'g', sessionId: 's', participantId, administeredOn: '2026-03-10', instruments: ['PHQ-9'], openedBy: { sub: 'therapist-1', org: 'org-a', role: 'therapist' } });

describe('KioskBook', () => {
  it('normalizes what a member types', () => {
    expect(normalizeCode(' abcd-efgh ')).toBe('ABCDEFGH');
  });

  it('issues distinct codes that sign in once', () => {
    const book = new KioskBook(new FixedClock(START));
    const [a, b] = book.issue([grant('p1'), grant('p2')]);
    expect(a!.code).not.toBe(b!.code);
    const signedIn = book.signIn(a!.code)!;
    expect(signedIn.grant.participantId).toBe('p1');
    expect(book.verify(signedIn.token)?.grant.participantId).toBe('p1');
    expect(book.signIn(a!.code)).toBeNull();
    expect(book.verify('kiosk_other')).toBeNull();
  });

  it('lets codes and tokens expire', () => {
    const clock = new FixedClock(START);
    const book = new KioskBook(clock);
    const [late, early] = book.issue([grant('p1'), grant('p2')]);
    const signedInAt = START.getTime() + 60 * 60 * 1000;
    clock.set(new Date(signedInAt));
    const { token } = book.signIn(early!.code)!;
    clock.set(new Date(START.getTime() + CODE_LIFETIME_MS));
    expect(book.signIn(late!.code)).toBeNull();
    expect(book.verify(token)).not.toBeNull();
    clock.set(new Date(signedInAt + TOKEN_LIFETIME_MS));
    expect(book.verify(token)).toBeNull();
  });
});
