export * from './dev-tokens.js';
