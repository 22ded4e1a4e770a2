export * from './envelope.js';
export * from './encrypted-field.js';
export * from './catalogue.js';
