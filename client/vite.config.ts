// Vite build and dev server for the Journeyroom client. Root is this folder; output goes to dist/client at the repo root.
import { defineConfig } from 'vite';

/** This folder as a file-system path (POSIX), whatever the working directory of the command. */
const clientRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);
/** Where `npm start` runs the server during development. */
const DEV_SERVER = 'http://localhost:3000';

export default defineConfig({
  root: clientRoot,
  // Self-hosted rooms are often offline: everything is bundled, nothing is loaded from a CDN.
  base: '/',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: DEV_SERVER, changeOrigin: false },
      '/ws': { target: DEV_SERVER, ws: true, changeOrigin: false },
      '/healthz': { target: DEV_SERVER },
    },
  },
});
