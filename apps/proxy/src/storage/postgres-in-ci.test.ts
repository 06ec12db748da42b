import { spawn } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/temp-dir.js'

const proxyDir = resolve(import.meta.dirname, '../..')
const repoDir = resolve(proxyDir, '../..')

type Run = { status: number | null; output: string }

/** Runs a command to its end, collecting stdout and stderr; the environment is exactly `env`. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', fail)
    child.on('close', (status) => done({ status, output }))
  })
}

/** This process's environment without the CI, database and Vitest-worker variables. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VITEST|CI$|TEST_DATABASE_URL$|NODE_OPTIONS$)/.test(name)),
  )
  return { ...env, ...extra }
}

function runPostgresSuite(env: NodeJS.ProcessEnv, report: string) {
  return run(
    join(proxyDir, 'node_modules/.bin/vitest'),
    [
      'run',
      'src/storage/postgres-store.test.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    proxyDir,
    cleanEnv(env),
  )
}

/** An executable script in `dir`, for a tool .ci/run calls by name. */
function tool(dir: string, name: string, script: string) {
  const path = join(dir, name)
  writeFileSync(path, `#!/bin/sh\n${script}\n`)
  chmodSync(path, 0o755)
}

describe('the PostgreSQL store suite in CI (issue 10 item 9)', () => {
  it('fails, not skips, when CI=true and TEST_DATABASE_URL is missing', { timeout: 180_000 }, async () => {
    const report = join(tempDataDir(), 'report.json')
    const { status, output } = await runPostgresSuite({ CI: 'true' }, report)
    expect(output).toContain('CI=true but TEST_DATABASE_URL is not set')
    expect(status).not.toBe(0)
    expect(JSON.parse(readFileSync(report, 'utf8')).numFailedTests).toBe(1)
  })

  it('skips, saying why, outside CI without TEST_DATABASE_URL', { timeout: 180_000 }, async () => {
    const report = join(tempDataDir(), 'report.json')
    const { status } = await runPostgresSuite({}, report)
    expect(status).toBe(0)
    const result = JSON.parse(readFileSync(report, 'utf8')) as {
      numPendingTests: number
      testResults: { assertionResults: { ancestorTitles: string[]; status: string }[] }[]
    }
    expect(result.numPendingTests).toBeGreaterThan(0)
    const skipped = result.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status !== 'passed')
    expect(new Set(skipped.map((test) => test.ancestorTitles[0]))).toEqual(
      new Set(['PostgreSQL store suite: no TEST_DATABASE_URL']),
    )
  })

  it('.ci/run stops before the tests when PostgreSQL cannot be started or reached', { timeout: 60_000 }, async () => {
    // The machine's tools stand in for a CI image whose cluster will not start: apt-get does
    // nothing, pg_ctlcluster reports the cluster down and fails to start it, and npm notes that
    // the tests were started.
    const bin = tempDataDir()
    const started = join(bin, 'npm-was-run')
    tool(bin, 'apt-get', 'exit 0')
    tool(bin, 'chromium', 'exit 0')
    tool(bin, 'pg_ctlcluster', 'if [ "$3" = start ]; then echo "Error: could not start the cluster" >&2; fi; exit 3')
    tool(bin, 'pg_isready', 'exit 2')
    tool(bin, 'npm', `touch ${started}; exit 0`)
    const { status, output } = await run(
      'bash',
      [join(repoDir, '.ci/run')],
      repoDir,
      cleanEnv({ PATH: `${bin}:${process.env.PATH}` }),
    )
    expect(existsSync(started), output).toBe(false)
    expect(status, output).toBe(1)
    expect(output).toContain('pg_ctlcluster 15 main start failed')
  })
})
