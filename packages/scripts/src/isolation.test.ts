import { describe, expect, it } from 'vitest'
import { runScript } from './index.js'
import type { RunScriptInput } from './types.js'

const request = { method: 'GET', url: 'http://127.0.0.1:1/' }
const run = (code: string, more: Partial<RunScriptInput> = {}) =>
  runScript({ kind: 'test', code, request, response: { code: 200, body: '{}' }, ...more })

describe('the sandbox keeps scripts in', () => {
  it('cannot reach process, require, import(), fetch, the file system or the host', async () => {
    const code = `
const probes = {
  process: () => typeof process,
  require: () => require('fs'),
  fetch: () => typeof globalThis.fetch,
  XMLHttpRequest: () => typeof XMLHttpRequest,
  importFs: () => import('node:fs'),
  functionProcess: () => Function('return typeof process')(),
  constructorEscape: () => (function () {}).constructor('return typeof require + typeof module + typeof std + typeof os')(),
  hostSend: () => typeof __host,
}
for (const [name, probe] of Object.entries(probes)) {
  pm.test(name, async () => {
    let value
    try { value = await probe() } catch (e) { value = 'threw ' + e.message }
    console.log(name, String(value))
  })
}
`
    const result = await run(code)
    expect(result.error).toBeUndefined()
    expect(Object.fromEntries(result.console.map((entry) => entry.args))).toEqual({
      process: 'undefined',
      require: "threw require('fs') is not available in Courier scripts",
      fetch: 'undefined',
      XMLHttpRequest: 'undefined',
      importFs: expect.stringMatching(/^threw /),
      functionProcess: 'undefined',
      constructorEscape: 'undefinedundefinedundefinedundefined',
      hostSend: 'undefined',
    })
  })

  it('an infinite loop stops at the time limit with a sentence, keeping the tests before it', async () => {
    const started = performance.now()
    const result = await run('pm.test("before", () => {})\nwhile (true) {}', { limits: { timeMs: 300 } })
    const took = performance.now() - started
    expect(result.error).toEqual({
      kind: 'limit-time',
      message: 'The script ran longer than its time limit of 300 ms and was stopped.',
    })
    expect(result.tests).toEqual([{ name: 'before', passed: true }])
    expect(took).toBeLessThan(3_000)
    const asyncLoop = await run('const spin = () => Promise.resolve().then(spin); spin()', { limits: { timeMs: 200 } })
    expect(asyncLoop.error?.kind).toBe('limit-time')
  })

  it('a timer or a send beyond the time limit stops the run at the limit', async () => {
    const timer = await run('setTimeout(() => pm.environment.set("late", 1), 60_000)', { limits: { timeMs: 200 } })
    expect(timer.error?.kind).toBe('limit-time')
    expect(timer.variables.environment).toEqual({})
    const started = performance.now()
    const send = await run('await pm.sendRequest("http://slow.example/")', {
      limits: { timeMs: 200 },
      sendRequest: () => new Promise(() => {}),
    })
    expect(send.error?.kind).toBe('limit-time')
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('allocating without end stops at the memory limit with a sentence', async () => {
    const code =
      'pm.environment.set("before", 1)\nconst hoard = []\nwhile (true) hoard.push("x".repeat(1024) + hoard.length)'
    const result = await run(code, { limits: { memoryBytes: 8 * 1024 * 1024, timeMs: 10_000 } })
    expect(result.error).toEqual({
      kind: 'limit-memory',
      message: 'The script used more memory than its limit of 8 MB and was stopped.',
    })
    expect(result.variables.environment).toEqual({ before: 1 })
    const deep = await run('const f = (n) => f(n + 1) + 1; f(0)')
    expect(deep.error).toMatchObject({ kind: 'runtime', message: expect.stringMatching(/stack overflow/i) })
  })

  it('the host stays healthy after both: the next runs work and are as fast', async () => {
    await run('while (true) {}', { limits: { timeMs: 100 } })
    await run('const a = []; while (true) a.push(new Array(1000).fill(1))', {
      limits: { memoryBytes: 4 * 1024 * 1024 },
    })
    const result = await run('pm.test("fine", () => pm.expect(1 + 1).to.equal(2))')
    expect(result.tests).toEqual([{ name: 'fine', passed: true }])
    expect(result.error).toBeUndefined()
  })

  it('a script cannot change another run’s state', async () => {
    const polluter = `
Array.prototype.polluted = 1
Object.prototype.polluted = 1
try { JSON.parse = () => 'hijacked' } catch {}
try { pm.expect.fail = null } catch {}
try { Object.getPrototypeOf(pm.expect(1)).equal = function () {} } catch {}
globalThis.leaked = 'g'
implicitGlobal = 'i'
var declared = 'v'
function declaredFn() { return 'f' }
pm.environment.set('mine', 'secret')
Function('try { this.viaFunction = 1 } catch (e) {}')()
`
    const first = await run(polluter)
    expect(first.variables.environment).toEqual({ mine: 'secret' })
    const probe = `
console.log([
  typeof [].polluted, typeof ({}).polluted, JSON.parse('1'), typeof leaked, typeof implicitGlobal,
  typeof declared, typeof declaredFn, typeof viaFunction, pm.environment.get('mine'),
].join(','))
pm.test('chai intact', () => pm.expect(1).to.equal(2))
`
    const second = await run(probe)
    expect(second.error).toBeUndefined()
    expect(second.console[0]?.args[0]).toBe('undefined,undefined,1,undefined,undefined,undefined,undefined,undefined,')
    expect(second.tests).toEqual([{ name: 'chai intact', passed: false, error: 'expected 1 to equal 2' }])
    // And the polluter's own run did see its own globals.
    const own = await run('implicit = 2\npm.test("own", () => pm.expect(implicit + globalThis.implicit).to.equal(4))')
    expect(own.tests).toEqual([{ name: 'own', passed: true }])
  })

  it('runs at the same time do not mix', async () => {
    const code = `await pm.sendRequest('x'); pm.test(pm.info.requestName, () => pm.expect(pm.environment.get('n')).to.equal(pm.info.requestName))`
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name, i) =>
        run(code, {
          info: { requestName: name },
          variables: { environment: { n: name } },
          sendRequest: () => new Promise((resolve) => setTimeout(() => resolve({ code: 200, body: '' }), 30 - i * 10)),
        }),
      ),
    )
    expect(results.map((r) => r.tests)).toEqual([
      [{ name: 'a', passed: true }],
      [{ name: 'b', passed: true }],
      [{ name: 'c', passed: true }],
    ])
  })
})
