import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A static build (portal/dist): the deployment manifest and the contracts'
// metadata are read at start from suite/, beside index.html, so one build
// serves any chain.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
