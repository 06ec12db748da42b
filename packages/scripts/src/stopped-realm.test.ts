import { expect, it, vi } from 'vitest'
import { runScript } from './index.js'
import type { RunScriptInput } from './types.js'

const run = (code: string, more: Partial<RunScriptInput> = {}) =>
  runScript({ kind: 'test', code, request: { method: 'GET', url: 'http://127.0.0.1:1/' }, ...more })

// The WebAssembly engine reports an abort (a runtime freed while a stopped job still held objects)
// on console.error, which it binds when it loads: watched from before this file's first run.
it('a realm stopped at its time limit is let go without aborting the engine, and the next run works', async () => {
  const errors = vi.spyOn(console, 'error')
  const loop = await run('while (true) {}', { limits: { timeMs: 200 } })
  const jobs = await run('const spin = () => Promise.resolve().then(spin); spin()', { limits: { timeMs: 200 } })
  expect([loop.error?.kind, jobs.error?.kind]).toEqual(['limit-time', 'limit-time'])
  const next = await run('pm.test("after", () => pm.expect(1).to.equal(1))')
  expect(next.tests).toEqual([{ name: 'after', passed: true }])
  const aborts = errors.mock.calls.map((args) => args.map(String).join(' ')).filter((line) => /Aborted/.test(line))
  expect(aborts).toEqual([])
})
