import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the SPA is served by Vite and /api and /auth go to the BFF (pnpm dev).
const bff = process.env.BFF_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': bff, '/auth': bff },
  },
  build: {
    // Parallel builds (several e2e runs at once) may each use their own directory.
    outDir: process.env.WEB_OUT_DIR ?? 'dist',
    // The BFF's CSP allows no inline script; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
