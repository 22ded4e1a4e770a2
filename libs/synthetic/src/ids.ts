import { createHash } from 'node:crypto';

/**
 * Client-chosen ids (API.md: create calls accept one) that repeat with the seed. Each is the
 * SHA-256 of a namespace and a counter, shaped as a version-4 UUID: unlike ids drawn from
 * mulberry32 streams (whose sequences overlap when seeded differently), these cannot collide
 * across groups even at millions of events.
 */
export class IdSource {
  private counter = 0;

  constructor(private readonly namespace: string) {}

  next(): string {
    const hex = createHash('sha256').update(`${this.namespace}/${this.counter++}`).digest('hex');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
