#!/usr/bin/env node
// The same sandbox in Chromium: builds a page importing @courier/scripts with the web app's Vite
// (the QuickJS .wasm becomes an asset), serves it, and prints the cold start, a time-limited run's
// verdicts, and the mean of warm runs of a 1-test script. Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium).
// Usage: node bench/script-sandbox-browser.mjs [runs, default 500]
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { requireFromE2e } from './support.mjs'

const runs = Number(process.argv[2]) || 500
const root = new URL('..', import.meta.url)
const dir = new URL('packages/scripts/.bench-browser/', root)
mkdirSync(dir, { recursive: true })
const input = `{ kind: 'test', request: { method: 'GET', url: 'http://x/' }, response: { code: 200, body: '{}' } }`
writeFileSync(
  new URL('index.html', dir),
  `<!doctype html><html><body><script type="module">
import { runScript } from '../src/index.ts'
const input = ${input}
let t = performance.now()
const limited = await runScript({ ...input, limits: { timeMs: 300 }, code: 'pm.test("ok", () => pm.response.to.have.status(200)); pm.test("no process", () => pm.expect(typeof process).to.equal("undefined")); while (true) {}' })
const cold = performance.now() - t
for (let i = 0; i < 50; i++) await runScript({ ...input, code: '1' })
t = performance.now()
for (let i = 0; i < ${runs}; i++) await runScript({ ...input, code: 'pm.test("Status code is 200", function () { pm.response.to.have.status(200); });' })
window.result = { cold, warm: (performance.now() - t) / ${runs}, tests: limited.tests, error: limited.error }
</script></body></html>`,
)
const vite = new URL('apps/web/node_modules/.bin/vite', root).pathname
const built = spawnSync(vite, ['build', '--logLevel', 'warn', '--outDir', 'dist', '--emptyOutDir'], {
  cwd: dir,
  stdio: 'inherit',
})
if (built.status !== 0) process.exit(1)

const types = { js: 'text/javascript', wasm: 'application/wasm', html: 'text/html' }
const server = createServer((req, res) => {
  const path = req.url === '/' ? 'index.html' : req.url.slice(1)
  try {
    const body = readFileSync(new URL(`dist/${path}`, dir))
    res.writeHead(200, { 'content-type': types[path.split('.').pop()] ?? 'application/octet-stream' }).end(body)
  } catch {
    res.writeHead(404).end()
  }
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const { chromium } = requireFromE2e('@playwright/test')
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
})
const page = await browser.newPage()
page.on('pageerror', (error) => console.error('page error:', error.message))
await page.goto(`http://127.0.0.1:${server.address().port}/`)
await page.waitForFunction(() => window.result, null, { timeout: 120_000 })
const result = await page.evaluate(() => window.result)
await browser.close()
server.close()
rmSync(dir, { recursive: true, force: true })
console.log(`QuickJS script sandbox in Chromium (${runs} warm runs)`)
console.log(`  cold: first run incl. WebAssembly + chai + pm API, stopped at 300 ms   ${result.cold.toFixed(1)} ms`)
console.log(`  that run: ${JSON.stringify(result.tests)} ${result.error.message}`)
console.log(`  warm 1-test pm script   mean ${result.warm.toFixed(3)} ms`)
