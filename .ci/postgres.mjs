// Finds a PostgreSQL for the test suites, in this order:
//   1. TEST_DATABASE_URL, when it is set;
//   2. the machine's, as .ci/run sets it up (role courier, password courier, database
//      courier_test) on 127.0.0.1:5432 or the socket in /var/run/postgresql;
//   3. a throwaway one (.ci/embedded-postgres.mjs), stopped and deleted by stop().
// COURIER_TEST_PG=embedded skips 2 (goes straight to 3), COURIER_TEST_PG=machine never falls back
// to 3; COURIER_TEST_PG_MACHINE=<url,url> replaces the addresses 2 tries. 1 always wins.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const MACHINE = [
  'postgres://courier:courier@127.0.0.1:5432/courier_test',
  'postgres://courier:courier@/courier_test?host=/var/run/postgresql',
]

/** The URL without its password, for messages. */
export function describeUrl(url) {
  return url.replace(/^([a-z]+:\/\/[^:@/]*):[^@]*@/i, '$1@')
}

/** True when `url` accepts a login and answers a query within a few seconds. */
async function answers(url) {
  // pg is the server's dependency; the root package does not have it.
  const pg = createRequire(join(root, 'apps/proxy/package.json'))('pg')
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** Starts .ci/embedded-postgres.mjs and waits for its URL; stop() ends it (it deletes its folder). */
function startEmbedded(env) {
  return new Promise((done, fail) => {
    const started = Date.now()
    // Its own process group, so a Ctrl+C meant for the tests does not stop it under them; its
    // stdin is a pipe from here, so it also stops when this process ends without a word.
    const child = spawn(process.execPath, [join(root, '.ci/embedded-postgres.mjs')], {
      cwd: root,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    const exited = new Promise((ended) => child.once('exit', (code, signal) => ended(signal ?? code)))
    const stop = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.ref()
      const force = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 30_000)
      child.kill('SIGTERM')
      await exited
      clearTimeout(force)
    }
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (!stdout.includes('\n')) return
      let url, version
      try {
        ;({ url, version } = JSON.parse(stdout.split('\n')[0]))
      } catch {
        return void stop().then(() => fail(new Error(`the embedded PostgreSQL said: ${stdout}`)))
      }
      // Ready: from now on nothing here keeps this process alive for it.
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.()
      child.unref()
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      done({ url, label: `embedded PostgreSQL ${version} (${describeUrl(url)}, started in ${seconds} s)`, stop })
    })
    void exited.then((status) =>
      fail(new Error(`the embedded PostgreSQL did not start (exit ${status}):\n${stderr.trim() || stdout.trim()}`)),
    )
  })
}

/** A PostgreSQL to test against: { url, label (no password), stop() }. */
export async function findPostgres(env = process.env) {
  if (env.TEST_DATABASE_URL) {
    return {
      url: env.TEST_DATABASE_URL,
      label: `TEST_DATABASE_URL (${describeUrl(env.TEST_DATABASE_URL)})`,
      stop: async () => {},
    }
  }
  const mode = env.COURIER_TEST_PG || 'auto'
  if (!['auto', 'machine', 'embedded'].includes(mode)) {
    throw new Error(`COURIER_TEST_PG=${mode} is not one of auto, machine, embedded.`)
  }
  if (mode !== 'embedded') {
    const candidates = env.COURIER_TEST_PG_MACHINE ? env.COURIER_TEST_PG_MACHINE.split(',') : MACHINE
    for (const url of candidates) {
      if (await answers(url))
        return { url, label: `the machine's PostgreSQL (${describeUrl(url)})`, stop: async () => {} }
    }
    if (mode === 'machine') {
      throw new Error(
        `COURIER_TEST_PG=machine but no PostgreSQL answered at ${candidates.map(describeUrl).join(' or ')}. Start it (bash .ci/run sets it up), or unset COURIER_TEST_PG to use a throwaway one.`,
      )
    }
  }
  return startEmbedded(env)
}
