export * from './pipeline.ports.js';
