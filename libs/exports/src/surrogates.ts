import { randomBytes } from 'node:crypto';

/**
 * A research surrogate: 64 bits from the operating system's cryptographic random source,
 * never derived from anything about the person (PRIVACY.md), prefixed by what it names
 * (`P` participant, `C` cluster = group). Stored by the caller so later exports reuse it.
 */
export function newSurrogate(kind: 'participant' | 'group', random: (bytes: number) => Buffer = randomBytes): string {
  return `${kind === 'participant' ? 'P' : 'C'}${random(8).toString('hex').toUpperCase()}`;
}
