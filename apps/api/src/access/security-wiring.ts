import type { Provider, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { join } from 'node:path';
import { KeyStore, LocalFileKeyStore } from '#libs/crypto-shredding';
import { EventStore } from '#libs/event-store';
import { AuditController } from '../audit/audit.controller.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { EraseParticipantHandler } from '../erasure/erase-participant.js';
import { ErasureController } from '../erasure/erasure.controller.js';
import { ErasureGuardedKeyStore } from '../erasure/erasure-guarded-key-store.js';
import { KeyShredder } from '../erasure/key-shredder.js';
import { BodyDepthGuard } from './body-depth.guard.js';

/** Audit and erasure (issue 6) as one list of controllers and providers for ApiModule. */
export const securityControllers: Type[] = [AuditController, ErasureController];

/** BodyDepthGuard comes after AuthGuard (listed earlier in ApiModule): 401 before 400. */
export const securityProviders: Provider[] = [AuditTrail, EraseParticipantHandler, KeyShredder, { provide: APP_GUARD, useClass: BodyDepthGuard }];

/**
 * The data keys of embedded mode: one wrapped file per participant under DATA_DIR/keys, the
 * key-encryption key elsewhere (PRIVACY.md), behind the guard that never re-creates the key
 * of an erased participant.
 */
export function keyStoreProvider(dataDir: string, keyEncryptionKey: Buffer): Provider {
  return {
    provide: KeyStore,
    inject: [EventStore],
    useFactory: (store: EventStore) => new ErasureGuardedKeyStore(new LocalFileKeyStore({ directory: join(dataDir, 'keys'), keyEncryptionKey }), store),
  };
}
