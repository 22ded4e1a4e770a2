export * from './analytics-store.port.js';
