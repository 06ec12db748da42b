#!/usr/bin/env node
// The `courier` command: runs the bundled server (built by `node build.mjs`).
import { existsSync } from 'node:fs'

const bundle = new URL('../dist/courier.mjs', import.meta.url)
if (!existsSync(bundle)) {
  process.stderr.write(
    'courier: the server is not built yet; run `npm start` at the repository root, or `node build.mjs` in apps/proxy.\n',
  )
  process.exit(1)
}
await import(bundle.href)
