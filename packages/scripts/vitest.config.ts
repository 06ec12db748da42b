import { defineConfig } from 'vitest/config'

// Limit tests wait out real time limits on a busy machine: a bound, not a wait.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 20_000 } })
