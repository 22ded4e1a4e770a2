import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '#libs/event-store';
import { DevTokens, OidcVerifier } from '#libs/jwt';
import { KurrentDbEventStore } from '#libs/kurrentdb-event-store';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { alertsReactorProviders } from './alerts/alerts-reactor.wiring.js';
import { AnalyticsController } from './analytics/analytics.controller.js';
import { AnalyticsScope } from './analytics/analytics-scope.js';
import { analyticsFreshnessProvider, analyticsImports } from './analytics/analytics-wiring.js';
import { Clock, IdGenerator, RandomIdGenerator, SystemClock } from '#libs/system';
import { keyStoreProvider, securityControllers, securityProviders } from './access/security-wiring.js';
import { AuthConfigController } from './auth/auth-config.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { DevTokenController } from './auth/dev-token.controller.js';
import { DevTokenVerifier } from './auth/dev-token-verifier.js';
import { OidcTokenVerifier } from './auth/oidc-token-verifier.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { StreamExecutor } from './commands/stream-executor.js';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/config.token.js';
import { embeddedSecret } from './config/embedded-secrets.js';
import { Directory } from './directory/directory.js';
import { followerSnapshotProviders } from './directory/follower-snapshots.js';
import { MinPositionInterceptor } from './directory/min-position.interceptor.js';
import { ReadPositions } from './directory/read-positions.js';
import { exportControllers, exportProviders } from './exports/exports-wiring.js';
import { CreateGroupHandler } from './groups/create-group.js';
import { GroupActivityHandler } from './groups/group-activity.js';
import { GroupWriter } from './groups/group-writer.js';
import { GroupsController } from './groups/groups.controller.js';
import { ManageGroupHandler } from './groups/manage-group.js';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { kioskControllers, kioskProviders } from './kiosk/kiosk-wiring.js';
import { clinicalControllers, clinicalProviders } from './measures/clinical-wiring.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { IdentityVault } from './participants/identity-vault.js';
import { ParticipantsController } from './participants/participants.controller.js';
import { RegisterParticipantHandler } from './participants/register-participant.js';
import { CreateProgramHandler } from './programs/create-program.js';
import { ProgramCalendar } from './programs/program-calendar.js';
import { ProgramsController } from './programs/programs.controller.js';
import { staffControllers, staffProviders } from './staff/staff-wiring.js';

/** Providers a test may replace (a fixed clock, seeded ids, another store). */
export interface ApiOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly eventStore?: EventStore;
}

/** One event store instance per process: the api, the directory and (embedded) the relay share it. */
function openEventStore(config: AppConfig): EventStore {
  // In embedded mode the api makes every append to its SQLite file (its own alerts reactor
  // included; see soleWriter). Otherwise a relay process may run the reactor on the same file.
  const soleWriter = config.analytics.kind === 'embedded';
  return config.eventStore.kind === 'sqlite' ? new SqliteEventStore({ path: config.eventStore.path, soleWriter }) : new KurrentDbEventStore(config.eventStore.url);
}

/**
 * The api as a module, the table of contents of the write and read side. Embedded mode
 * mounts the relay and projector modules beside it in the same process.
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, overrides: ApiOverrides = {}): DynamicModule {
    const devAuth = config.auth === 'dev';
    const kek = config.keyEncryptionKey ?? embeddedSecret(config.dataDir, 'kek');
    const eventStore = overrides.eventStore ?? openEventStore(config);
    return {
      module: ApiModule,
      imports: [CqrsModule.forRoot(), ...analyticsImports(config, eventStore)],
      controllers: [HealthController, OpenApiController, ProgramsController, GroupsController, ParticipantsController, ...clinicalControllers, ...securityControllers, ...kioskControllers, AnalyticsController, ...exportControllers, ...staffControllers, AuthConfigController, ...(devAuth ? [DevTokenController] : [])],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EventStore, useValue: eventStore },
        { provide: Clock, useValue: overrides.clock ?? new SystemClock() },
        { provide: IdGenerator, useValue: overrides.ids ?? new RandomIdGenerator() },
        keyStoreProvider(config.dataDir, kek),
        ...(devAuth
          ? [{ provide: DevTokens, useFactory: () => new DevTokens(embeddedSecret(config.dataDir, 'dev-token-secret')) }, { provide: TokenVerifier, useClass: DevTokenVerifier }]
          : [{ provide: OidcVerifier, useFactory: () => new OidcVerifier(config.oidc!) }, { provide: TokenVerifier, useClass: OidcTokenVerifier }]),
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        ReadPositions,
        ...followerSnapshotProviders(config),
        Directory,
        ...staffProviders,
        StreamExecutor,
        ProgramCalendar,
        GroupWriter,
        IdentityVault,
        CreateProgramHandler,
        CreateGroupHandler,
        ManageGroupHandler,
        GroupActivityHandler,
        RegisterParticipantHandler,
        ...clinicalProviders,
        ...securityProviders,
        ...kioskProviders,
        AnalyticsScope,
        analyticsFreshnessProvider(config),
        ...exportProviders,
        ...alertsReactorProviders(config),
      ],
    };
  }
}
