// The data plane's one implementation for Node and the browser.
export * from './bytes.js';
export * from './hash.js';
export * from './suites.js';
export * from './keys.js';
export * from './bindings.js';
export * from './envelope.js';
export * from './container.js';
export * from './facts.js';
export * from './fields.js';
export * from './content.js';
export * from './backup.js';
export * from './storage.js';
export * from './release.js';
export * from './records.js';
