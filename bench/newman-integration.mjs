// newman's own integration collections (postmanlabs/newman test/integration), each run with
// newman 6 and with `courier run`, with the environment, globals, data and config files beside it
// (named as newman's runner expects: NAME.postman_environment.json, .postman_globals.json,
// .postman_data.csv|json, .postman_config.json). Collections calling anything but localhost
// (most call postman-echo.com) are listed as skipped. A report, not a test: the files are not in
// this repository; get them and pass their folder:
//
//   git clone --depth 1 https://github.com/postmanlabs/newman /tmp/newman   (or, from a bare mirror:
//   mkdir /tmp/newman && git --git-dir=MIRROR archive HEAD test/integration | tar -x -C /tmp/newman)
//   (cd apps/proxy && node build.mjs) && node bench/newman-integration.mjs /tmp/newman/test/integration
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, resolve } from 'node:path'
import { compareVerdicts, courierMode, runCourier, runNewman, tally, verdicts } from './postman-runs.mjs'
import { listen, rawEchoServer, redirectServer } from './newman-targets.mjs'

const folder = process.argv[2] && resolve(process.argv[2])
if (!folder) {
  process.stderr.write("Name the folder of newman's test/integration, e.g. /tmp/newman/test/integration\n")
  process.exit(2)
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

// NAME.postman_KIND[.skip].EXT → suites[NAME][KIND] (collection, environment, globals, data, config).
const suites = new Map()
for (const path of walk(folder)) {
  const parts = /^(.+)\.postman_([^.]+)(\.skip)?\.([^.]{3,})$/i.exec(path)
  if (!parts || parts[3]) continue
  const [, name, kind] = parts
  if (!suites.has(name)) suites.set(name, {})
  suites.get(name)[kind] = path
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))

/** Variables a URL may use: the collection's, the environment's, the globals', the first data row's. */
function variables(suite, collection) {
  const vars = new Map()
  const add = (list) => {
    for (const v of list ?? []) if (v && v.enabled !== false && v.key) vars.set(v.key, String(v.value ?? ''))
  }
  add(collection.variable ?? collection.variables)
  for (const kind of ['globals', 'environment']) {
    try {
      if (suite[kind]) add(readJson(suite[kind]).values)
    } catch {
      // UTF-16 or broken files: the URL check then sees the variable unresolved.
    }
  }
  if (suite.data?.endsWith('.json'))
    add(Object.entries(readJson(suite.data)[0] ?? {}).map(([key, value]) => ({ key, value })))
  return vars
}

function requestUrls(collection) {
  const urls = []
  const visit = (items) => {
    for (const item of items ?? []) {
      if (item.item) visit(item.item)
      const url = typeof item.request === 'string' ? item.request : (item.request?.url ?? item.url)
      if (url !== undefined) urls.push(typeof url === 'string' ? url : (url.raw ?? ''))
    }
  }
  visit(collection.item ?? collection.requests)
  return urls
}

/** The hosts a collection's requests go to that are not this machine. */
function remoteHosts(suite) {
  const collection = readJson(suite.collection)
  const vars = variables(suite, collection)
  const hosts = new Set()
  for (const raw of requestUrls(collection)) {
    let url = raw
    for (let i = 0; i < 5 && url.includes('{{'); i++) url = url.replace(/\{\{([^}]+)\}\}/g, (m, k) => vars.get(k) ?? m)
    const host = url
      .replace(/^[a-z]+:\/\//i, '')
      .split(/[/?#]/)[0]
      .replace(/:\d+$/, '')
      .toLowerCase()
    if (!['localhost', '127.0.0.1', ''].includes(host)) hosts.add(host)
  }
  return [...hosts]
}

const echo = rawEchoServer()
const redirect = redirectServer()
const ports = { 4041: await listen(echo), 4042: await listen(redirect) }
const work = mkdtempSync(join(tmpdir(), 'newman-integration-'))
const mode = courierMode()
// Collections name their upload files from newman's repository root (test/integration/…/upload-file.csv),
// where newman's runner runs them.
process.chdir(resolve(folder, '..', '..'))

function verdictText(run, list) {
  if (!run.report) return `no report (exit ${run.code})`
  const { passed, failed } = tally(list)
  return `${failed === 0 && run.code === 0 ? 'pass' : 'fail'} ${passed}/${passed + failed} (exit ${run.code})`
}

function firstLine(text) {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  ).slice(0, 160)
}

const rows = []
for (const [name, suite] of [...suites].sort(([a], [b]) => a.localeCompare(b))) {
  const label = relative(folder, name)
  if (!suite.collection) continue
  const remote = remoteHosts(suite)
  if (remote.length) {
    rows.push({ label, skipped: `calls ${remote.join(', ')}` })
    continue
  }
  // The collection's localhost:4041/4042 (in raw URLs and in v2's separate `port` field) become
  // the ports our targets got.
  const text = JSON.stringify(readJson(suite.collection), (key, value) =>
    typeof value !== 'string'
      ? value
      : key === 'port' && ports[value]
        ? String(ports[value])
        : value.replace(/(localhost|127\.0\.0\.1):(4041|4042)\b/g, (m, host, port) => `${host}:${ports[port]}`),
  )
  const collection = join(work, basename(suite.collection))
  writeFileSync(collection, text)
  const config = suite.config ? (readJson(suite.config).run ?? {}) : {}
  const options = { ...config, environment: suite.environment, globals: suite.globals, data: suite.data }
  const newman = await runNewman(collection, options)
  const courier = await runCourier(collection, options, mode)
  const n = verdicts(newman.report)
  const c = verdicts(courier.report)
  const differences = compareVerdicts(n, c)
  const same = differences.length === 0 && (newman.code === 0) === (courier.code === 0) && courier.report
  const why = same
    ? ''
    : differences.length
      ? differences
          .slice(0, 2)
          .map((d) => `${d.key}: newman ${d.newman}, courier ${d.courier}${d.error ? ` (${d.error})` : ''}`)
          .join('; ')
      : firstLine(courier.stderr) || firstLine(courier.stdout)
  rows.push({ label, newman: verdictText(newman, n), courier: verdictText(courier, c), same: Boolean(same), why })
}
echo.close()
redirect.close()

const ran = rows.filter((r) => !r.skipped)
process.stdout.write(
  `newman's integration collections: ${rows.length}, run ${ran.length} (courier run in ${mode} mode), ` +
    `same verdicts ${ran.filter((r) => r.same).length}, skipped ${rows.length - ran.length} (need the internet)\n\n`,
)
process.stdout.write('| collection | newman | courier | same | why they differ |\n|---|---|---|---|---|\n')
for (const r of ran)
  process.stdout.write(`| ${r.label} | ${r.newman} | ${r.courier} | ${r.same ? 'yes' : 'no'} | ${r.why} |\n`)
const same = ran.filter((r) => r.same).map((r) => r.label)
const differ = ran.filter((r) => !r.same).map((r) => r.label)
process.stdout.write(`\nSame verdicts as newman (${same.length}): ${same.join(', ') || 'none'}\n`)
process.stdout.write(`Different (${differ.length}): ${differ.join(', ') || 'none'}\n`)
process.stdout.write('\nSkipped:\n')
for (const r of rows.filter((r) => r.skipped)) process.stdout.write(`- ${r.label}: ${r.skipped}\n`)
