export { ClickHouseAnalyticsStore, type ClickHouseAnalyticsStoreOptions } from './clickhouse-analytics-store.js';
export { openChdbAnalyticsStore, type ChdbStoreOptions } from './open-chdb.js';
export { openClickHouseServerStore, type ClickHouseServerStoreOptions } from './open-clickhouse-server.js';
export { isUnreachable } from './store-errors.js';
