/**
 * A field encrypted with the participant's data key (AES-256-GCM, a fresh IV per field).
 * Destroying that key (erasure) makes every copy unreadable: crypto-shredding, PRIVACY.md.
 * Base64 strings so events stay plain JSON.
 */
export interface EncryptedField {
  readonly alg: 'A256GCM';
  /** Id of the data key in the KeyStore (one per participant). */
  readonly keyId: string;
  readonly iv: string;
  readonly tag: string;
  readonly ct: string;
}
