export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.js';
export { type RetryOptions } from './unavailable-retry.js';
