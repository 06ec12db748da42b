#!/usr/bin/env node
// Runs one command with a PostgreSQL to test against (see .ci/postgres.mjs for which one), e.g.
//   node .ci/with-postgres.mjs apps/proxy/node_modules/.bin/vitest run src/storage/postgres-store.test.ts
// The command gets TEST_DATABASE_URL and COURIER_REQUIRE_POSTGRES=1 (so no PostgreSQL test skips);
// a throwaway server is stopped and deleted when the command ends, also on Ctrl+C.
import { spawn } from 'node:child_process'
import { findPostgres } from './postgres.mjs'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  process.stderr.write('Usage: node .ci/with-postgres.mjs <command> [arguments…]\n')
  process.exit(2)
}

let child
let interrupted
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted ??= signal
    child?.kill(signal)
  })
}

let postgres
try {
  postgres = await findPostgres()
} catch (error) {
  process.stderr.write(`✗ No PostgreSQL to test against: ${error.message}\n`)
  process.exit(1)
}
process.stderr.write(`PostgreSQL: ${postgres.label}\n`)

let status = 1
if (!interrupted) {
  status = await new Promise((done) => {
    child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: postgres.url, COURIER_REQUIRE_POSTGRES: '1' },
    })
    child.on('error', (error) => {
      process.stderr.write(`✗ ${command}: ${error.message}\n`)
      done(1)
    })
    child.on('exit', (code, signal) => done(code ?? 128 + (signal === 'SIGINT' ? 2 : 15)))
  })
}
await postgres.stop()
process.exit(interrupted ? 128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[interrupted] : status)
