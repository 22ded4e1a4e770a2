export * from './api-harness.js';
