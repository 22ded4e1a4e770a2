export * from './clock.js';
export * from './calendar.js';
export * from './backoff.js';
export * from './fault-injection.js';
export * from './position-waiters.js';
