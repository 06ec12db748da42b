import { defineConfig } from 'vitest/config'

// The converters' tests parse real specs and 10 000-item collections: a bound for a busy machine, not a wait.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 20_000 } })
