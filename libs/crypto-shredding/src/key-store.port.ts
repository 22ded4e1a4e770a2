/**
 * Per-participant data keys for crypto-shredding (PRIVACY.md). Destroying a key makes every
 * field encrypted with it unreadable, in every copy and backup of the event store.
 * Production: a KMS behind this port; embedded: LocalFileKeyStore.
 */
export abstract class KeyStore {
  /** Creates (or returns the existing) 256-bit key for this id. Durable before it resolves. */
  abstract createKey(keyId: string): Promise<Buffer>;
  /** The key, or null when it never existed or was destroyed. */
  abstract getKey(keyId: string): Promise<Buffer | null>;
  /** Irreversibly destroys the key. Idempotent. */
  abstract destroyKey(keyId: string): Promise<void>;
}
