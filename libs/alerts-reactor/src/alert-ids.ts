import { createHash } from 'node:crypto';

/**
 * Namespace of every id this reactor derives (a random UUID fixed once; changing it would
 * make a replay raise every alert again under new ids).
 */
export const ALERTS_REACTOR_NAMESPACE = '4f0c8a52-3d1e-4b8e-9a57-2c6d1f0e7b13';

/**
 * RFC 9562 §5.5 UUID version 5: SHA-1 of namespace bytes + name, version and variant bits
 * set (https://www.rfc-editor.org/rfc/rfc9562#section-5.5). Same name → same id, so a
 * replay re-appends the same event id and the store writes nothing.
 */
export function uuidV5(name: string, namespace: string = ALERTS_REACTOR_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const alertIds = new Map<string, string>();

/**
 * The id of the alert whose cause is `key` (see AlertDecision.key). Remembered: the rules
 * propose the same candidates on every measure of an episode and each is checked against the
 * alerts already raised by its id (a SHA-1 each time was 1.5 % of the api's main thread).
 */
export function alertIdFor(key: string): string {
  let id = alertIds.get(key);
  if (id === undefined) {
    id = uuidV5(`alert:${key}`);
    if (alertIds.size >= 100_000) alertIds.clear(); // bounded: a cache, not a registry
    alertIds.set(key, id);
  }
  return id;
}

/** The id of the AlertRaised event that carries it: distinct from the alert id, equally stable. */
export function alertEventIdFor(key: string): string {
  return uuidV5(`event:${key}`);
}
