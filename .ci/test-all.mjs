#!/usr/bin/env node
// The README's test command, after `pnpm install`: typecheck, build, every Vitest suite, then the
// Playwright e2e suite in Chromium. Ends with the line `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

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

function run(title, command, args, options = {}) {
  process.stdout.write(`\n── ${title}\n`)
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    ...options,
    env: { ...process.env, ...options.env },
  })
  return result.status === 0
}

function step(title, command, args, options) {
  if (run(title, command, args, options)) passed++
  else {
    failed++
    process.stdout.write(`✗ ${title} failed\n`)
  }
}

step('Typecheck (tsc -b)', bin('.', 'tsc'), ['-b'])
step('ESLint', bin('.', 'eslint'), ['.'])
step('Prettier (check)', bin('.', 'prettier'), ['--check', '.', '--log-level', 'warn'])
step('Build the web app', bin('apps/web', 'vite'), ['build', '--logLevel', 'warn'], { cwd: join(root, 'apps/web') })
step('Build the server', process.execPath, ['build.mjs'], { cwd: join(root, 'apps/proxy') })

for (const pkg of ['packages/shared', 'apps/proxy', 'apps/web']) {
  const report = join(out, `vitest-${pkg.replace('/', '-')}.json`)
  run(
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
    run('apt-get update', 'apt-get', ['update', '-qq'])
    run('Install Chromium', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    })
  } else {
    process.stdout.write('\nNo Chromium found: asking Playwright to download one (playwright install chromium)…\n')
    run('Install Chromium', bin('e2e', 'playwright'), ['install', 'chromium'], { cwd: join(root, 'e2e') })
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
  run(`Playwright e2e (${chromium})`, bin('e2e', 'playwright'), ['test', '--reporter=list,json'], {
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

// e.g. "412 passed, 0 failed, 21 skipped (PostgreSQL store suite: no TEST_DATABASE_URL)"
const reasons = [...skipReasons]
  .map(([reason, count]) => (skipReasons.size > 1 ? `${count} ${reason}` : reason))
  .join('; ')
process.stdout.write(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped${reasons ? ` (${reasons})` : ''}` : ''}\n`,
)
process.exitCode = failed > 0 || passed === 0 ? 1 : 0
