export * from './key-store.port.js';
export * from './field-cipher.js';
export * from './local-file-key-store.js';
