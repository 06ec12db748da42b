// Shared by runner-vs-newman.mjs and newman-integration.mjs: run one Postman collection file with
// newman 6 (root devDependency) or with `courier run`, timed from spawn to exit, and read each
// run's JSON report as a list of per-test verdicts that can be compared.
import { spawn, execFileSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
export const newmanBin = join(root, 'node_modules', 'newman', 'bin', 'newman.js')
export const courierBin = join(root, 'apps', 'proxy', 'bin', 'courier.mjs')

/**
 * Spawns `node file ...args`, resolves with the wall time from spawn to exit and its output.
 * Standard output goes to a file, not a pipe, so how fast this process reads never enters the
 * time (builds before the fix in cli.ts also lost the end of a large `--json` report on a pipe).
 */
export function timedNode(file, args, env = {}) {
  const outFile = join(mkdtempSync(join(tmpdir(), 'bench-stdout-')), 'stdout')
  const fd = openSync(outFile, 'w')
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(process.execPath, [file, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', fd, 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      closeSync(fd)
      resolve({ ms, code, stdout: readFileSync(outFile, 'utf8'), stderr })
    })
  })
}

/**
 * How this build's `courier run` takes a Postman file: 'file' when it runs the file itself with
 * newman's reporter flags (branch `cli`), else 'import' (import it once into a data folder, then run
 * the saved collection by name with --json, as `courier run` could before).
 */
export function courierMode() {
  const help = execFileSync(process.execPath, [courierBin, '--help']).toString()
  return help.includes('reporter-json-export') || help.includes('postman_collection') ? 'file' : 'import'
}

/** newman-style options → the flags both CLIs take (the `cli` branch copies newman's names). */
function optionFlags(options = {}) {
  const flags = []
  if (options.environment) flags.push('-e', options.environment)
  if (options.globals) flags.push('-g', options.globals)
  if (options.data) flags.push('-d', options.data)
  if (options.ignoreRedirects) flags.push('--ignore-redirects')
  if (options.insecure) flags.push('-k')
  if (options.timeoutRequest) flags.push('--timeout-request', String(options.timeoutRequest))
  if (options.timeout) flags.push('--timeout', String(options.timeout))
  if (options.timeoutScript) flags.push('--timeout-script', String(options.timeoutScript))
  return flags
}

export async function runNewman(file, options = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'newman-out-')), 'report.json')
  const run = await timedNode(newmanBin, [
    'run',
    file,
    '-r',
    'json',
    '--reporter-json-export',
    out,
    ...optionFlags(options),
  ])
  return { ...run, report: existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined }
}

/** Imported data folders of import mode, one per file (the import is not timed). */
const imported = new Map()

function importOnce(file) {
  if (imported.has(file)) return imported.get(file)
  const dataDir = mkdtempSync(join(tmpdir(), 'courier-import-'))
  const printed = execFileSync(process.execPath, [courierBin, 'import', file, '--data-dir', dataDir]).toString()
  const name = /collection “(.+)” \(/.exec(printed)?.[1]
  if (!name) throw new Error(`courier import ${file} imported no collection:\n${printed}`)
  const entry = { dataDir, name }
  imported.set(file, entry)
  return entry
}

export async function runCourier(file, options = {}, mode = courierMode()) {
  if (mode === 'import') {
    const { dataDir, name } = importOnce(file)
    const run = await timedNode(courierBin, ['run', name, '--json', '--data-dir', dataDir])
    let report
    try {
      report = JSON.parse(run.stdout)
    } catch {
      report = undefined
    }
    return { ...run, report }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'courier-run-'))
  const out = join(dataDir, 'report.json')
  const run = await timedNode(
    courierBin,
    ['run', file, '--reporters', 'json', '--reporter-json-export', out, ...optionFlags(options)],
    { COURIER_DATA_DIR: dataDir },
  )
  return { ...run, report: existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined }
}

/**
 * One entry per test (and per request that got no answer): newman's JSON report
 * (run.executions[].assertions) or Courier's run report (steps[].record.scripts.tests).
 */
export function verdicts(report) {
  const list = []
  if (!report) return list
  if (report.run?.executions) {
    for (const ex of report.run.executions) {
      const base = { iteration: ex.cursor?.iteration ?? 0, request: ex.item?.name ?? '?' }
      if (ex.requestError) list.push({ ...base, test: '(request)', passed: false, error: ex.requestError.message })
      for (const a of ex.assertions ?? []) {
        if (a.skipped) continue
        list.push({ ...base, test: a.assertion, passed: !a.error, error: a.error?.message })
      }
    }
  } else if (report.steps) {
    for (const step of report.steps) {
      const base = { iteration: step.iteration ?? 0, request: step.name }
      if (step.record?.error && step.record.status == null)
        list.push({ ...base, test: '(request)', passed: false, error: step.record.error.message ?? 'no answer' })
      for (const t of step.record?.scripts?.tests ?? []) {
        if (t.skipped) continue
        list.push({ ...base, test: t.name, passed: t.passed, error: t.error })
      }
    }
  }
  // Repeated names (a loop of pm.test with one name, setNextRequest loops) are told apart by order.
  const seen = new Map()
  for (const v of list) {
    const base = `${v.iteration}|${v.request}|${v.test}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    v.key = n === 1 ? base : `${base}#${n}`
  }
  return list
}

/** Where two verdict lists differ: tests only one side ran, and tests with opposite results. */
export function compareVerdicts(newmanList, courierList) {
  const courier = new Map(courierList.map((v) => [v.key, v]))
  const newman = new Map(newmanList.map((v) => [v.key, v]))
  const differences = []
  for (const v of newmanList) {
    const c = courier.get(v.key)
    if (!c) differences.push({ key: v.key, newman: v.passed ? 'pass' : 'fail', courier: 'missing', error: v.error })
    else if (c.passed !== v.passed)
      differences.push({
        key: v.key,
        newman: v.passed ? 'pass' : 'fail',
        courier: c.passed ? 'pass' : 'fail',
        error: c.error ?? v.error,
      })
  }
  for (const c of courierList)
    if (!newman.has(c.key))
      differences.push({ key: c.key, newman: 'missing', courier: c.passed ? 'pass' : 'fail', error: c.error })
  return differences
}

export function tally(list) {
  const failed = list.filter((v) => !v.passed).length
  return { tests: list.length, failed, passed: list.length - failed }
}
