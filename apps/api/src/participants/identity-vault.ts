import { Injectable } from '@nestjs/common';
import { decryptField, encryptField, KeyStore } from '#libs/crypto-shredding';
import type { EncryptedField } from '#libs/events';

/**
 * Encrypts a participant's identifiers and free text with their own data key, named by the
 * participant id (PRIVACY.md crypto-shredding). After erasure the key is gone and every
 * field reads as null.
 */
@Injectable()
export class IdentityVault {
  constructor(private readonly keys: KeyStore) {}

  async seal(participantId: string, plaintext: string): Promise<EncryptedField> {
    return encryptField(await this.keys.createKey(participantId), participantId, plaintext);
  }

  async open(field: EncryptedField | null): Promise<string | null> {
    if (!field) return null;
    const key = await this.keys.getKey(field.keyId);
    return key ? decryptField(key, field) : null;
  }
}
