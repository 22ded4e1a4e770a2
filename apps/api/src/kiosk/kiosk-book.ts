import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Principal } from '#libs/jwt';
import { Clock } from '#libs/system';

/** What a kiosk sign-in may do: one participant's questionnaires for one session, nothing else. */
export interface KioskGrant {
  readonly org: string;
  readonly groupId: string;
  readonly sessionId: string;
  readonly participantId: string;
  /** The session's date: the measures' administeredOn. */
  readonly administeredOn: string;
  readonly instruments: readonly string[];
  /** The therapist (or director) who opened the kiosk: the measures are recorded on their authority. */
  readonly openedBy: Principal;
}

export interface IssuedCode {
  readonly participantId: string;
  readonly code: string;
  readonly expiresAt: string;
}

/** Codes live 2 hours (a session and its paperwork); a signed-in tablet as long again. */
export const CODE_LIFETIME_MS = 2 * 60 * 60 * 1000;
export const TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** No 0/O, 1/I/L: a member types the code from a slip of paper. 31^8 ≈ 8.5 × 10^11 codes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

interface CodeEntry {
  readonly grant: KioskGrant;
  readonly expiresAt: number;
}
interface TokenEntry {
  readonly grant: KioskGrant;
  readonly expiresAt: number;
  readonly submitted: Set<string>;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Upper case without separators: `abcd-efgh` and `ABCDEFGH` are the same code. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Kiosk codes and tokens, IN MEMORY (embedded mode): a restart forgets every open kiosk and
 * the therapist opens it again; a multi-instance deployment would need them in a shared store.
 * Only hashes are kept, so a heap dump does not hand out live codes. A code is single-use and
 * expires; opening the kiosk again for a session replaces that session's unused codes.
 */
@Injectable()
export class KioskBook {
  private readonly codes = new Map<string, CodeEntry>();
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(private readonly clock: Clock) {}

  issue(grants: readonly KioskGrant[]): IssuedCode[] {
    this.sweep();
    const now = this.clock.now().getTime();
    for (const [key, entry] of this.codes) {
      if (grants.some((g) => g.org === entry.grant.org && g.sessionId === entry.grant.sessionId && g.participantId === entry.grant.participantId)) this.codes.delete(key);
    }
    return grants.map((grant) => {
      let code: string;
      do code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      while (this.codes.has(hash(code)));
      const expiresAt = now + CODE_LIFETIME_MS;
      this.codes.set(hash(code), { grant, expiresAt });
      return { participantId: grant.participantId, code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: new Date(expiresAt).toISOString() };
    });
  }

  /** Exchanges a code once for a token; null when unknown, used or expired. */
  signIn(code: string): { token: string; expiresAt: string; grant: KioskGrant } | null {
    this.sweep();
    const key = hash(normalizeCode(code));
    const entry = this.codes.get(key);
    if (!entry) return null;
    this.codes.delete(key);
    const token = `kiosk_${randomBytes(32).toString('base64url')}`;
    const expiresAt = this.clock.now().getTime() + TOKEN_LIFETIME_MS;
    this.tokens.set(hash(token), { grant: entry.grant, expiresAt, submitted: new Set() });
    return { token, expiresAt: new Date(expiresAt).toISOString(), grant: entry.grant };
  }

  /** The grant of a live kiosk token, or null. */
  verify(token: string): { grant: KioskGrant; submitted: ReadonlySet<string> } | null {
    const entry = this.tokens.get(hash(token));
    if (!entry || entry.expiresAt <= this.clock.now().getTime()) return null;
    return entry;
  }

  markSubmitted(token: string, instrument: string): void {
    this.tokens.get(hash(token))?.submitted.add(instrument);
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [key, entry] of this.codes) if (entry.expiresAt <= now) this.codes.delete(key);
    for (const [key, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(key);
  }
}
