import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard bundle, served at `/` by the api (apps/api/src/dashboard). JSX goes through
 * Vite 8's built-in Oxc transform: @vitejs/plugin-react 6.3.0 does not install beside this
 * project's Jest (it pulls a Babel 8 release candidate as a peer), and the plugin only adds
 * Fast Refresh, which a production build does not use. https://vite.dev/config/shared-options#oxc
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Laptops and tablets of clinics: evergreen browsers only.
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npx vite dashboards` during development: the api runs beside it on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
