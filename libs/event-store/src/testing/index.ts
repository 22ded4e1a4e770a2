export * from './event-store.contract.js';
export * from './delegating-store.js';
