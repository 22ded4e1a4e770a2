export { Projector, type ProjectorOptions } from './projector.js';
export { erasureStatement } from './erasure.js';
export { migrate, type MigrateOptions } from './migrate.js';
export { loadMigrations, renderStatements, defaultMigrationsDir, DEFAULT_ENGINE, type Migration, type SchemaTarget } from './migrations.js';
export { readProjectionPositions, type ProjectionPosition } from './positions.js';
export { tables, participantTables, type TableName } from './tables.js';
export { backfillDerivedTables, derivedTables } from './derived/derived-tables.js';
export {
  allProjections,
  alertsProjection,
  attendanceProjection,
  consentsProjection,
  groupsProjection,
  measuresProjection,
  membershipsProjection,
  milestonesProjection,
  participantsProjection,
  programsProjection,
  sessionsProjection,
  type Projection,
  type ProjectedRow,
} from './projections/index.js';
export { ProjectorModule, ProjectorRunner, ProjectorSettings, type ProjectorModuleOptions } from './projector.module.js';
export { rebuildProjections, swappedTables, type RebuildOptions, type RebuildProgress, type RebuildResult, type EventLog } from './rebuild.js';
export { PausableConsumer } from './pausable-consumer.js';
