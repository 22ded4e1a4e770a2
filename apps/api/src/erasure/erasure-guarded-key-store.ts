import { KeyStore } from '#libs/crypto-shredding';
import { Conflict } from '#libs/errors';
import { EventStore } from '#libs/event-store';
import { streams } from '#libs/events';

/**
 * The KeyStore the api uses: the real one, except that it never makes a new data key for an
 * erased participant (key ids are participant ids, see IdentityVault). Without this, a request
 * that seals a field before its decision is refused (registering an erased id again, a write
 * racing the erasure) would leave a fresh key behind for someone who was erased.
 */
export class ErasureGuardedKeyStore extends KeyStore {
  constructor(
    private readonly inner: KeyStore,
    private readonly store: EventStore,
  ) {
    super();
  }

  async createKey(keyId: string): Promise<Buffer> {
    const events = await this.store.readStream(streams.participant(keyId));
    if (events.some((e) => e.type === 'ParticipantErased')) {
      throw new Conflict('PARTICIPANT_ERASED', `Participant ${keyId} was erased; nothing more is recorded about them.`);
    }
    return this.inner.createKey(keyId);
  }

  getKey(keyId: string): Promise<Buffer | null> {
    return this.inner.getKey(keyId);
  }

  destroyKey(keyId: string): Promise<void> {
    return this.inner.destroyKey(keyId);
  }
}
