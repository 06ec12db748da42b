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
    // Two pages: the app, and the visualizer page its sandboxed iframe loads. The server inlines the
    // visualizer's one script (apps/proxy/src/plugins/visualizer-page.ts), so it must share no chunk
    // with the app: no modulepreload polyfill (every browser Courier supports has modulepreload).
    modulePreload: { polyfill: false },
    rollupOptions: { input: { main: 'index.html', visualizer: 'visualizer.html' } },
  },
  worker: { format: 'es' },
})
