import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanEnv, runCommand as run } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'

const proxyDir = resolve(import.meta.dirname, '../..')
const repoDir = resolve(proxyDir, '../..')

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

  it(
    'fails, not skips, when COURIER_REQUIRE_POSTGRES=1 (npm test) and TEST_DATABASE_URL is missing',
    { timeout: 180_000 },
    async () => {
      const report = join(tempDataDir(), 'report.json')
      const { status, output } = await runPostgresSuite({ COURIER_REQUIRE_POSTGRES: '1' }, report)
      expect(output).toContain('COURIER_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set')
      expect(status).not.toBe(0)
      const result = JSON.parse(readFileSync(report, 'utf8'))
      expect([result.numFailedTests, result.numPendingTests]).toEqual([1, 0])
    },
  )

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
