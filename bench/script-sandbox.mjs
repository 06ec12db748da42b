#!/usr/bin/env node
// Per-script overhead of the QuickJS sandbox (@courier/scripts): a cold realm (WebAssembly module,
// chai and the pm API loaded, realm frozen), then warm runs of a 1-test script (a fresh scope, pm
// and variables per run on a warm realm, the result read back), and a legacy 3-line script.
// Usage: node bench/script-sandbox.mjs [runs, default 2000]
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const runs = Number(process.argv[2]) || 2000
const root = new URL('..', import.meta.url)
const { build } = createRequire(new URL('packages/scripts/package.json', root))('esbuild')
// Beside the package, so that the QuickJS packages (kept external: their .wasm sits beside them) resolve.
const dir = mkdtempSync(new URL('packages/scripts/.bench-', root).pathname)
const out = join(dir, 'scripts.mjs')
await build({
  entryPoints: [new URL('packages/scripts/src/index.ts', root).pathname],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: out,
  external: ['quickjs-emscripten-core', '@jitl/*'],
  logLevel: 'warning',
})
const { runScript } = await import(pathToFileURL(out).href)
rmSync(dir, { recursive: true, force: true })

const input = {
  kind: 'test',
  request: { method: 'GET', url: 'http://127.0.0.1/items' },
  response: {
    code: 200,
    status: 'OK',
    headers: [{ key: 'Content-Type', value: 'application/json' }],
    body: '{"id":1}',
    responseTime: 3,
  },
  variables: { environment: { base: 'http://127.0.0.1' } },
}
const oneTest = 'pm.test("Status code is 200", function () { pm.response.to.have.status(200); });'
const legacy =
  'var jsonData = JSON.parse(responseBody);\ntests["has id"] = jsonData.id === 1;\npostman.setEnvironmentVariable("id", jsonData.id);'

let started = performance.now()
const first = await runScript({ ...input, code: oneTest })
const cold = performance.now() - started
if (!first.tests[0]?.passed) throw new Error(`the 1-test script did not pass: ${JSON.stringify(first)}`)

async function measure(code) {
  for (let i = 0; i < 200; i++) await runScript({ ...input, code })
  const times = []
  started = performance.now()
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await runScript({ ...input, code })
    times.push(performance.now() - t)
  }
  const total = performance.now() - started
  times.sort((a, b) => a - b)
  return { mean: total / runs, p50: times[Math.floor(runs / 2)], p99: times[Math.floor(runs * 0.99)] }
}

const warm = await measure(oneTest)
const old = await measure(legacy)
const ms = (n) => `${n.toFixed(3)} ms`
console.log(`QuickJS script sandbox, ${runs} runs each (node ${process.version})`)
console.log(`  cold: first run incl. WebAssembly + chai + pm API   ${ms(cold)}`)
console.log(`  warm 1-test pm script   mean ${ms(warm.mean)}  p50 ${ms(warm.p50)}  p99 ${ms(warm.p99)}`)
console.log(`  warm legacy 3-line      mean ${ms(old.mean)}  p50 ${ms(old.p50)}  p99 ${ms(old.p99)}`)
console.log(`  budget: well under 2 ms per warm run: ${warm.mean < 2 ? 'met' : 'NOT met'}`)
