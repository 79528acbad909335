import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Built into dist/, which the app serves (with its index.html for every browser route). `npm run dev` proxies the
// API to an app on localhost:5080 (bash scripts/run.sh).
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api/v1': 'http://localhost:5080',
      '/hubs': { target: 'http://localhost:5080', ws: true },
      '/files': 'http://localhost:5080',
    },
  },
  test: { environment: 'jsdom', globals: false, include: ['src/**/*.test.{ts,tsx}'], setupFiles: ['src/test-setup.ts'] },
})
