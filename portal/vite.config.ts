import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A static build (portal/dist): the deployment manifest and the contracts'
// metadata are read at start from suite/, beside index.html, so one build
// serves any chain. The data plane's crypto is dataplane/'s own source (one
// implementation for Node and the page), loaded on demand.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@health-suite/dataplane': fileURLToPath(new URL('../dataplane/src/index.ts', import.meta.url)) },
  },
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
