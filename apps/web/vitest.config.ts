import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/** Pure functions run in Node; components (*.test.tsx) render in jsdom with Testing Library. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [react()],
        test: {
          name: 'components',
          include: ['src/**/*.test.tsx'],
          environment: 'jsdom',
          testTimeout: 30_000,
          setupFiles: ['src/test-setup.ts'],
        },
      },
    ],
  },
})
