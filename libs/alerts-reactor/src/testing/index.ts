/**
 * Test-only helpers (`#testing/alerts-reactor`, never built): a tiny event log builder for
 * hand-worked sequences, and `replay`, the runner's fold without I/O.
 */
export { EventLog, type Scores } from './event-log.js';
export { replay } from './replay.js';
