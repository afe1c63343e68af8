/**
 * Vite for the web app: `npm run build` writes web/dist (served by the Fastify server under
 * /tickets/), `npm run dev` serves web/ with hot reload and proxies /tickets/api to the
 * server started by `npm start` (PARLEY_DEV_API, default http://localhost:3000).
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The libraries of the first page of every visitor: React, the router, the query cache, translations (forms and their checks come with the pages that have them). */
const CORE_LIBRARIES = /\/node_modules\/(react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|@radix-ui\/react-(label|tabs|primitive|slot|compose-refs|context|id|use-[a-z-]+|roving-focus|collection|direction|presence))\//;

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/tickets/',
  plugins: [react()],
  build: {
    outDir: process.env.PARLEY_WEB_OUT ?? fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Small icons would be inlined as data: URLs; keep every asset a file of its own.
    assetsInlineLimit: 0,
    sourcemap: false,
    // The libraries every page needs change less often than the app: their own file stays cached across
    // releases. Libraries only some pages use (the rich editor, dialogs) go with the pages that import them,
    // so the first load carries only what the first page needs.
    rollupOptions: { output: { manualChunks: (id) => (CORE_LIBRARIES.test(id) ? 'vendor' : undefined) } },
  },
  server: {
    port: 5173,
    proxy: { '/tickets/api': { target: process.env.PARLEY_DEV_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
