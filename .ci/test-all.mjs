#!/usr/bin/env node
// The README's test command, after `pnpm install`: typecheck, build, every Vitest suite, then the
// Playwright e2e suite in Chromium, all with a PostgreSQL (.ci/postgres.mjs: TEST_DATABASE_URL, the
// machine's, or a throwaway one it starts and deletes). Ends with the line `N passed, N failed`.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { findPostgres } from './postgres.mjs'

const root = resolve(import.meta.dirname, '..')
const out = join(root, '.ci-out')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

const bin = (pkg, name) => join(root, pkg, 'node_modules', '.bin', name)
let passed = 0
let failed = 0
let skipped = 0
/** Why tests were skipped, by the title of the top-level describe they sit in (it says why). */
const skipReasons = new Map()

/** The step running now, and the signal that interrupted the run (Ctrl+C): no step starts after it. */
let current
let interrupted
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted ??= signal
    current?.kill(signal)
  })
}

function run(title, command, args, options = {}) {
  if (interrupted) return Promise.resolve(false)
  process.stdout.write(`\n── ${title}\n`)
  return new Promise((done) => {
    current = spawn(command, args, {
      stdio: 'inherit',
      cwd: root,
      ...options,
      env: { ...process.env, ...testEnv, ...options.env },
    })
    current.on('error', (error) => {
      process.stdout.write(`✗ ${command}: ${error.message}\n`)
      done(false)
    })
    current.on('exit', (code) => done(code === 0))
  })
}

async function step(title, command, args, options) {
  if (await run(title, command, args, options)) passed++
  else {
    failed++
    process.stdout.write(`✗ ${title} failed\n`)
  }
}

// The PostgreSQL suites must run, not skip (issue 13): COURIER_REQUIRE_POSTGRES=1 makes them fail
// when no PostgreSQL could be had. A throwaway one starts while the first steps run; it is
// stopped and deleted at the end (and stops by itself should this process die).
const testEnv = { COURIER_REQUIRE_POSTGRES: '1' }
const postgresStarting = findPostgres().catch((error) => {
  failed++
  process.stdout.write(`\n✗ No PostgreSQL for the PostgreSQL suites: ${error.message}\n`)
  return undefined
})

await step('Typecheck (tsc -b)', bin('.', 'tsc'), ['-b'])
await step('ESLint', bin('.', 'eslint'), ['.'])
await step('Prettier (check)', bin('.', 'prettier'), ['--check', '.', '--log-level', 'warn'])
await step('Build the web app', bin('apps/web', 'vite'), ['build', '--logLevel', 'warn'], {
  cwd: join(root, 'apps/web'),
})
await step('Build the server', process.execPath, ['build.mjs'], { cwd: join(root, 'apps/proxy') })

const postgres = await postgresStarting
if (postgres) {
  testEnv.TEST_DATABASE_URL = postgres.url
  process.stdout.write(`\n── PostgreSQL: ${postgres.label}\n`)
}

for (const pkg of ['packages/shared', 'packages/scripts', 'apps/proxy', 'apps/web']) {
  const report = join(out, `vitest-${pkg.replace('/', '-')}.json`)
  await run(
    `Vitest: ${pkg}`,
    bin(pkg, 'vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: join(root, pkg) },
  )
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'))
    passed += result.numPassedTests
    failed += result.numFailedTests
    skipped += result.numPendingTests + (result.numTodoTests ?? 0)
    for (const test of result.testResults.flatMap((file) => file.assertionResults ?? [])) {
      if (!['skipped', 'pending', 'todo'].includes(test.status)) continue
      const reason = test.ancestorTitles?.[0] ?? `${pkg}: ${test.title}`
      skipReasons.set(reason, (skipReasons.get(reason) ?? 0) + 1)
    }
    if (result.numFailedTestSuites > 0 && result.numFailedTests === 0) failed += result.numFailedTestSuites
  } catch {
    failed++
    process.stdout.write(`✗ Vitest in ${pkg} produced no report\n`)
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  const cache = join(homedir(), '.cache', 'ms-playwright')
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache)
      .filter((name) => name.startsWith('chromium'))
      .sort()
      .reverse()) {
      candidates.push(join(cache, dir, 'chrome-linux', 'chrome'), join(cache, dir, 'chrome-linux64', 'chrome'))
    }
  }
  return candidates.find((path) => path && existsSync(path))
}

let chromium = findChromium()
if (!chromium) {
  const isRoot = process.getuid?.() === 0
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stdout.write("\nNo Chromium found: installing Debian's chromium (apt-get install chromium)…\n")
    await run('apt-get update', 'apt-get', ['update', '-qq'])
    await run('Install Chromium', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    })
  } else {
    process.stdout.write('\nNo Chromium found: asking Playwright to download one (playwright install chromium)…\n')
    await run('Install Chromium', bin('e2e', 'playwright'), ['install', 'chromium'], { cwd: join(root, 'e2e') })
  }
  chromium = findChromium()
}

if (!chromium) {
  failed++
  process.stdout.write(
    '✗ No Chromium available for the e2e suite. Install one (apt-get install chromium) or set CHROMIUM_PATH.\n',
  )
} else {
  const report = join(out, 'playwright.json')
  await run(`Playwright e2e (${chromium})`, bin('e2e', 'playwright'), ['test', '--reporter=list,json'], {
    cwd: join(root, 'e2e'),
    env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  })
  try {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats
    passed += stats.expected + stats.flaky
    failed += stats.unexpected
    skipped += stats.skipped
    if (stats.skipped) skipReasons.set('Playwright e2e', stats.skipped)
  } catch {
    failed++
    process.stdout.write('✗ Playwright produced no report\n')
  }
}

await postgres?.stop()
if (interrupted) {
  process.stdout.write(`\n✗ Interrupted (${interrupted})\n`)
  process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[interrupted])
}

// e.g. "412 passed, 0 failed (PostgreSQL: embedded PostgreSQL 15.18 (…))" or
// "412 passed, 0 failed, 2 skipped (Playwright e2e; PostgreSQL: the machine's PostgreSQL (…))"
const reasons = [...skipReasons]
  .map(([reason, count]) => (skipReasons.size > 1 ? `${count} ${reason}` : reason))
  .join('; ')
const used = `PostgreSQL: ${postgres ? postgres.label : 'none'}`
process.stdout.write(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped (${reasons ? `${reasons}; ` : ''}${used})` : ` (${used})`}\n`,
)
process.exitCode = failed > 0 || passed === 0 ? 1 : 0
