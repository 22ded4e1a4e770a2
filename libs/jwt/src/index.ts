export * from './dev-tokens.js';
export * from './oidc-verifier.js';
