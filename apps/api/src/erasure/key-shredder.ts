import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KeyStore } from '#libs/crypto-shredding';
import { EventStore } from '#libs/event-store';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { Directory } from '../directory/directory.js';

/**
 * Crash recovery of erasure: EraseParticipantHandler appends ParticipantErased first and
 * destroys the key second, so a crash in between leaves a key behind for an erased
 * participant. At start, once the Directory has read the log up to the head it saw then, this
 * destroys the key of every erased participant that still has one (destroyKey is idempotent).
 * It reuses the Directory's replay instead of reading the whole log a third time.
 */
@Injectable()
export class KeyShredder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KeyShredder');
  private sweeping: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly directory: Directory,
    private readonly store: EventStore,
    private readonly keys: KeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeping = this.sweep().catch((error) => {
      this.logger.error(`Key sweep failed: ${String(error)}`);
      return 0;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweeping;
  }

  /** Resolves with how many leftover keys the start-up sweep destroyed. */
  swept(): Promise<number> {
    return this.sweeping ?? Promise.resolve(0);
  }

  private async sweep(): Promise<number> {
    const head = await this.store.headPosition();
    while (!(await this.directory.waitFor(head, this.config.minPositionWaitMs))) {
      if (this.stopped) return 0;
    }
    let destroyed = 0;
    for (const participantId of this.directory.erasedParticipants) {
      if (this.stopped) break;
      if (!(await this.keys.getKey(participantId))) continue;
      await this.keys.destroyKey(participantId);
      destroyed += 1;
    }
    if (destroyed > 0) this.logger.warn(`Destroyed ${destroyed} data key(s) left behind by an interrupted erasure.`);
    return destroyed;
  }
}
