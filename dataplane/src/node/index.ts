// Node-only parts of the data plane (never bundled into the portal).
export * from './storage-node.js';
