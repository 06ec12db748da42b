import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The page is served by Courier's server (same origin), which proxies to this dev server.
    allowedHosts: ['127.0.0.1', 'localhost'],
    // HMR on its own path so Courier's proxy (which serves `/` itself) forwards the websocket.
    hmr: { path: '/__vite_hmr' },
  },
  build: {
    // Monaco is one large chunk, loaded lazily after first paint.
    chunkSizeWarningLimit: 5000,
    sourcemap: false,
  },
  worker: { format: 'es' },
})
