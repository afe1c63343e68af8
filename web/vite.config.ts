/**
 * Vite for the web app: `npm run build` writes web/dist (served by the Fastify server under
 * /tickets/), `npm run dev` serves web/ with hot reload and proxies /tickets/api to the
 * server started by `npm start` (PARLEY_DEV_API, default http://localhost:3000).
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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
    // Libraries change less often than the app: their own file stays cached across releases.
    rollupOptions: { output: { manualChunks: (id) => (id.includes('/node_modules/') ? 'vendor' : undefined) } },
  },
  server: {
    port: 5173,
    proxy: { '/tickets/api': { target: process.env.PARLEY_DEV_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
