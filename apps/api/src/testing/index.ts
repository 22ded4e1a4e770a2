export * from './api-harness.js';
export * from './fixtures.js';
