// `courier run` beside newman 6 on the same Postman v2.1 files against one local keep-alive server:
// per-request time (the slope between a 1-request and a 200-request run, so start-up cancels out),
// with and without one pm.test per request (the slope with tests starts from a 1-request run with
// its test, so the script sandbox's own start-up cancels out too), the whole 1-request runs, CLI
// start (`--help`), and whether both runs give every test the same verdict. Prints figures;
// asserts nothing.
//
//   (cd apps/proxy && node build.mjs) && node bench/runner-vs-newman.mjs [--rounds 5] [--n 200]
import { createServer } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { median } from './support.mjs'
import {
  compareVerdicts,
  courierBin,
  courierMode,
  newmanBin,
  runCourier,
  runNewman,
  tally,
  timedNode,
  verdicts,
} from './postman-runs.mjs'

const { values } = parseArgs({ options: { rounds: { type: 'string' }, n: { type: 'string' } } })
const rounds = Number(values.rounds ?? 5)
const N = Number(values.n ?? 200)

// Every 20th item answers with a wrong id, so the test run has failing tests to agree on.
const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume()
  req.once('end', () => {
    const id = Number(/\/items\/(\d+)/.exec(req.url)?.[1] ?? -1)
    const body = JSON.stringify({ id: id % 20 === 19 ? -id : id, name: `item ${id}`, tags: ['a', 'b'] })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`

function collection(name, count, withTests) {
  const item = Array.from({ length: count }, (_, i) => ({
    name: `item ${i}`,
    request: { method: 'GET', url: `${base}/items/${i}` },
    ...(withTests
      ? {
          event: [
            {
              listen: 'test',
              script: {
                type: 'text/javascript',
                exec: [
                  `pm.test('item ${i} answers 200 with its id', function () {`,
                  '  pm.response.to.have.status(200)',
                  `  pm.expect(pm.response.json().id).to.equal(${i})`,
                  '})',
                ],
              },
            },
          ],
        }
      : {}),
  }))
  return {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item,
  }
}

const dir = mkdtempSync(join(tmpdir(), 'runner-vs-newman-'))
const files = {}
for (const [key, count, withTests] of [
  ['one', 1, false],
  ['oneTest', 1, true],
  ['many', N, false],
  ['tests', N, true],
]) {
  files[key] = join(dir, `${key}.postman_collection.json`)
  writeFileSync(files[key], JSON.stringify(collection(`bench ${key}`, count, withTests)))
}

const mode = courierMode()
const tools = {
  newman: { run: (file) => runNewman(file), help: () => timedNode(newmanBin, ['--help']) },
  courier: { run: (file) => runCourier(file, {}, mode), help: () => timedNode(courierBin, ['--help']) },
}
const samples = { newman: [], courier: [] }
const last = {}
const load = [loadavg()[0]]

process.stdout.write(`newman 6 vs courier run (${mode} mode), ${N} requests, ${rounds} rounds\n`)
for (let round = 0; round < rounds; round++) {
  // Alternate who goes first, so neither always gets the warmer disk cache.
  const order = round % 2 === 0 ? ['newman', 'courier'] : ['courier', 'newman']
  const times = { newman: {}, courier: {} }
  for (const key of ['help', 'one', 'oneTest', 'many', 'tests']) {
    for (const name of order) {
      const result = key === 'help' ? await tools[name].help() : await tools[name].run(files[key])
      if (key !== 'help' && !result.report)
        throw new Error(`${name} wrote no JSON report for ${key} (exit ${result.code}):\n${result.stderr}`)
      times[name][key] = result.ms
      if (key === 'tests') last[name] = result
    }
  }
  for (const name of order) {
    const t = times[name]
    samples[name].push({
      help: t.help,
      one: t.one,
      oneTest: t.oneTest,
      perRequest: (t.many - t.one) / (N - 1),
      perRequestTests: (t.tests - t.oneTest) / (N - 1),
    })
  }
  process.stdout.write(`  round ${round + 1}: ${order.map((n) => `${n} ${Math.round(times[n].many)} ms`).join(', ')}\n`)
}
load.push(loadavg()[0])
server.close()

const figure = (name, field) => median(samples[name].map((s) => s[field]))
const rows = [
  ['per request, no tests (ms)', 'perRequest', 2],
  ['per request, one pm.test (ms)', 'perRequestTests', 2],
  ['1-request run, whole (ms)', 'one', 0],
  ['1-request run with a test, whole (ms)', 'oneTest', 0],
  ['CLI start, --help (ms)', 'help', 0],
]
const table = rows.map(([label, field, digits]) => {
  const n = figure('newman', field)
  const c = figure('courier', field)
  return [label, n.toFixed(digits), c.toFixed(digits), `${(n / c).toFixed(2)}×`]
})
const header = ['median over rounds', 'newman', 'courier', 'newman ÷ courier']
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)))
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
process.stdout.write(`\n${line(header)}\n${table.map(line).join('\n')}\n`)

const newmanVerdicts = verdicts(last.newman.report)
const courierVerdicts = verdicts(last.courier.report)
const differences = compareVerdicts(newmanVerdicts, courierVerdicts)
const n = tally(newmanVerdicts)
const c = tally(courierVerdicts)
process.stdout.write(
  `\nVerdicts of the ${N}-test run: newman ${n.passed} passed, ${n.failed} failed (exit ${last.newman.code}); ` +
    `courier ${c.passed} passed, ${c.failed} failed (exit ${last.courier.code}) — ` +
    `${differences.length === 0 ? 'they agree on every test' : `${differences.length} differ`}\n`,
)
for (const d of differences.slice(0, 10))
  process.stdout.write(`  ${d.key}: newman ${d.newman}, courier ${d.courier}${d.error ? ` (${d.error})` : ''}\n`)
process.stdout.write(`Load average (1 min) at start and end: ${load.map((l) => l.toFixed(2)).join(', ')}\n`)
