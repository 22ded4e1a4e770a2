export * from './kafka-test-kit.js';
