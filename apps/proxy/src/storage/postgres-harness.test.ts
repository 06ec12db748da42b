import { spawn } from 'node:child_process'
import { chmodSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { describe, expect, it, vi } from 'vitest'
import { describePostgres } from '../test/postgres.js'
import { cleanEnv, runCommand } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'

const proxyDir = resolve(import.meta.dirname, '../..')
const repoDir = resolve(proxyDir, '../..')
const withPostgres = join(repoDir, '.ci/with-postgres.mjs')

/** A port of 127.0.0.1 nothing listens on: a machine PostgreSQL that is not there. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

/** A temp folder for the harness's TMPDIR; the `postgres` user (the server's, under root) must enter it. */
function sharedTempDir(): string {
  const dir = tempDataDir()
  chmodSync(dir, 0o755)
  return dir
}

const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('courier-pg-'))

/** True when a PostgreSQL at `url` answers. */
async function answers(url: string): Promise<boolean> {
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

/** The harness with no machine PostgreSQL to find, running `node -e script`, in its own process group. */
async function startHarness(tmp: string, script: string) {
  const machine = `postgres://courier:courier@127.0.0.1:${await closedPort()}/courier_test`
  const child = spawn(process.execPath, [withPostgres, process.execPath, '-e', script], {
    cwd: repoDir,
    env: cleanEnv({ TMPDIR: tmp, COURIER_TEST_PG_MACHINE: machine }),
    detached: true,
  })
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  const url = await new Promise<string>((done, fail) => {
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = stdout.split('\n').find((text) => text.startsWith('URL '))
      if (line) done(line.slice(4))
    })
    void exited.then((code) => fail(new Error(`the harness ended (${code}) before the command ran:\n${output}`)))
  })
  return { child, url, exited, output: () => output }
}

/** Keeps running, after printing the URL it was given, until a signal ends it. */
const WAIT = `console.log('URL ' + process.env.TEST_DATABASE_URL); setInterval(() => {}, 60_000)`

describe('the PostgreSQL test harness (.ci/with-postgres.mjs, issue 13)', () => {
  it(
    'starts a throwaway PostgreSQL when none is reachable, runs the store suite on it with nothing skipped, then deletes it',
    { timeout: 240_000 },
    async () => {
      const tmp = sharedTempDir()
      const report = join(tempDataDir(), 'report.json')
      const machine = `postgres://courier:courier@127.0.0.1:${await closedPort()}/courier_test`
      const { status, output } = await runCommand(
        process.execPath,
        [
          withPostgres,
          join(proxyDir, 'node_modules/.bin/vitest'),
          'run',
          'src/storage/postgres-store.test.ts',
          '--reporter=json',
          `--outputFile.json=${report}`,
        ],
        proxyDir,
        cleanEnv({ TMPDIR: tmp, COURIER_TEST_PG_MACHINE: machine }),
      )
      expect(output).toMatch(
        /PostgreSQL: embedded PostgreSQL 15\.\d+ \(postgres:\/\/courier@127\.0\.0\.1:\d+\/courier_test/,
      )
      expect(status, output).toBe(0)
      const result = JSON.parse(readFileSync(report, 'utf8'))
      expect(result.numPassedTests).toBeGreaterThan(10)
      expect([result.numFailedTests, result.numPendingTests, result.numTodoTests]).toEqual([0, 0, 0])
      expect(leftovers(tmp)).toEqual([])
      const port = /127\.0\.0\.1:(\d+)\/courier_test/.exec(output)![1]
      expect(await answers(`postgres://courier:x@127.0.0.1:${port}/courier_test`)).toBe(false)
    },
  )

  it('stops and deletes the throwaway PostgreSQL on Ctrl+C', { timeout: 120_000 }, async () => {
    const tmp = sharedTempDir()
    const harness = await startHarness(tmp, WAIT)
    expect(await answers(harness.url)).toBe(true)
    expect(leftovers(tmp)).toHaveLength(1)
    process.kill(-harness.child.pid!, 'SIGINT') // what a terminal sends the foreground group
    expect(await harness.exited, harness.output()).toBe(130)
    expect(leftovers(tmp)).toEqual([])
    expect(await answers(harness.url)).toBe(false)
  })

  it('stops and deletes it by itself when the harness is killed outright', { timeout: 120_000 }, async () => {
    const tmp = sharedTempDir()
    const harness = await startHarness(tmp, WAIT)
    expect(await answers(harness.url)).toBe(true)
    process.kill(-harness.child.pid!, 'SIGKILL')
    await harness.exited
    // Nothing tells this process when the server (in a group of its own) is gone: poll for it.
    await vi.waitFor(() => expect(leftovers(tmp)).toEqual([]), { timeout: 60_000, interval: 100 })
    expect(await answers(harness.url)).toBe(false)
  })
})

describePostgres('the PostgreSQL test harness, with a PostgreSQL to find (TEST_DATABASE_URL)', (url) => {
  const printUrl = [process.execPath, '-e', 'console.log("URL " + process.env.TEST_DATABASE_URL)']

  it('uses TEST_DATABASE_URL when it is set', { timeout: 60_000 }, async () => {
    const { status, output } = await runCommand(
      process.execPath,
      [withPostgres, ...printUrl],
      repoDir,
      cleanEnv({ TEST_DATABASE_URL: url, COURIER_TEST_PG_MACHINE: 'postgres://nobody@127.0.0.1:1/none' }),
    )
    expect(status, output).toBe(0)
    expect(output).toContain('PostgreSQL: TEST_DATABASE_URL (')
    expect(output).toContain(`URL ${url}\n`)
  })

  it(
    "uses the machine's PostgreSQL when one answers, before starting one of its own",
    { timeout: 60_000 },
    async () => {
      const tmp = sharedTempDir()
      const unreachable = `postgres://courier:courier@127.0.0.1:${await closedPort()}/courier_test`
      const { status, output } = await runCommand(
        process.execPath,
        [withPostgres, ...printUrl],
        repoDir,
        cleanEnv({ TMPDIR: tmp, COURIER_TEST_PG_MACHINE: `${unreachable},${url}` }),
      )
      expect(status, output).toBe(0)
      expect(output).toContain("PostgreSQL: the machine's PostgreSQL (")
      expect(output).toContain(`URL ${url}\n`)
      expect(output).not.toContain('embedded')
    },
  )
})
