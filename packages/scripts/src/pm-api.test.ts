import { describe, expect, it } from 'vitest'
import { runScript } from './index.js'
import type { RunScriptInput, ScriptResponse } from './types.js'

const request = { method: 'POST', url: 'https://api.example.com/v1/auth/token?grant=refresh', name: 'POST /auth/token' }
const json = (body: unknown, code = 200, extra: { key: string; value: string }[] = []): ScriptResponse => ({
  code,
  status: code === 200 ? 'OK' : code === 404 ? 'Not Found' : 'Error',
  headers: [{ key: 'Content-Type', value: 'application/json; charset=utf-8' }, ...extra],
  body: JSON.stringify(body),
  responseTime: 42,
})
const test = (code: string, response: ScriptResponse, more: Partial<RunScriptInput> = {}) =>
  runScript({ kind: 'test', code, request, response, ...more })

describe('the pm API on scripts from public Postman collections', () => {
  it('Wise: keeps the token from the legacy form (JSON.parse(responseBody), postman.setEnvironmentVariable)', async () => {
    // Verbatim from /work/shared/fixtures/postman/wise-all-endpoints.postman_collection.json (POST /auth/token).
    const code = [
      'var jsonData = JSON.parse(responseBody);',
      'if (jsonData.access_token) postman.setEnvironmentVariable("TOKEN", jsonData.access_token);',
      'if (jsonData.refresh_token) postman.setEnvironmentVariable("REFRESH", jsonData.refresh_token);',
    ].join('\n')
    const result = await test(code, json({ access_token: 'tok-1', refresh_token: 'ref-1' }), {
      variables: { environment: { TOKEN: 'old', KEEP: 'x' } },
    })
    expect(result.error).toBeUndefined()
    expect(result.variableChanges.environment).toEqual({ set: { TOKEN: 'tok-1', REFRESH: 'ref-1' }, unset: [] })
    expect(result.variables.environment).toEqual({ TOKEN: 'tok-1', REFRESH: 'ref-1', KEEP: 'x' })
  })

  it('pm.test / pm.expect / pm.response.to as the Postman templates write them', async () => {
    const code = `
pm.test("Status code is 200", function () { pm.response.to.have.status(200); });
pm.test("Response is ok", () => { pm.response.to.be.ok; pm.response.to.be.json; pm.response.to.have.jsonBody('data.items[0].id', 7) });
pm.test("Content-Type is present", function () { pm.response.to.have.header("content-type"); });
pm.test("Body matches string", function () { pm.expect(pm.response.text()).to.include("items"); });
pm.test("Your test name", function () {
    var jsonData = pm.response.json();
    pm.expect(jsonData.data.items).to.be.an('array').that.has.lengthOf(2);
    pm.expect(jsonData.data.total).to.eql(3);
});
pm.test("Response time is less than 200ms", function () { pm.expect(pm.response.responseTime).to.be.below(200); });
pm.test("Wrong status", function () { pm.response.to.have.status(201); });
pm.test("Not found", function () { pm.response.to.be.notFound; });
pm.test.skip("later", function () {});
tests["Legacy status"] = responseCode.code === 200;
tests["Legacy header"] = postman.getResponseHeader("Content-Type").indexOf("json") > -1 && responseTime < 100;
`
    const result = await test(code, json({ data: { items: [{ id: 7 }, { id: 8 }], total: 2 } }))
    expect(result.error).toBeUndefined()
    expect(result.tests).toEqual([
      { name: 'Status code is 200', passed: true },
      { name: 'Response is ok', passed: true },
      { name: 'Content-Type is present', passed: true },
      { name: 'Body matches string', passed: true },
      { name: 'Your test name', passed: false, error: 'expected 2 to deeply equal 3' },
      { name: 'Response time is less than 200ms', passed: true },
      { name: 'Wrong status', passed: false, error: 'expected response to have status code 201 but got 200' },
      { name: 'Not found', passed: false, error: 'expected response code to be 404 but found 200' },
      { name: 'later', passed: false, skipped: true },
      { name: 'Legacy status', passed: true },
      { name: 'Legacy header', passed: true },
    ])
  })

  it('variables resolve local › data › environment › collection › globals, and every scope changes alone', async () => {
    const code = `
pm.test('resolution', () => {
  pm.expect(pm.variables.get('a')).to.equal('local')
  pm.expect(pm.variables.get('b')).to.equal('data')
  pm.expect(pm.variables.get('c')).to.equal('env')
  pm.expect(pm.variables.get('d')).to.equal('coll')
  pm.expect(pm.variables.get('e')).to.equal('glob')
  pm.expect(pm.variables.has('zzz')).to.be.false
  pm.expect(pm.variables.replaceIn('{{c}}-{{e}}-{{missing}}')).to.equal('env-glob-{{missing}}')
  pm.expect(pm.iterationData.get('b')).to.equal('data')
  pm.expect(pm.environment.toObject()).to.eql({ a: 'env', b: 'env', c: 'env' })
})
pm.collectionVariables.set('nextPage', 2)
pm.globals.unset('e')
pm.environment.set('seen', pm.info.requestName + '#' + pm.info.iteration)
pm.variables.set('onlyHere', 'yes')
postman.setGlobalVariable('g2', 'v')
`
    const result = await test(code, json({}), {
      variables: {
        local: { a: 'local' },
        iterationData: { a: 'data', b: 'data' },
        environment: { a: 'env', b: 'env', c: 'env' },
        collectionVariables: { a: 'coll', b: 'coll', c: 'coll', d: 'coll' },
        globals: { a: 'glob', e: 'glob' },
      },
      info: { requestName: 'List', iteration: 3, iterationCount: 5 },
    })
    expect(result.tests).toEqual([{ name: 'resolution', passed: true }])
    expect(result.variableChanges).toEqual({
      environment: { set: { seen: 'List#3' }, unset: [] },
      collectionVariables: { set: { nextPage: 2 }, unset: [] },
      globals: { set: { g2: 'v' }, unset: ['e'] },
      local: { set: { onlyHere: 'yes' }, unset: [] },
    })
  })

  it('a pre-request script changes the request, sets the next request, skips and visualizes', async () => {
    const code = `
pm.request.headers.add({ key: 'X-Signature', value: 'sig-' + pm.request.method })
pm.request.headers.upsert({ key: 'Accept', value: 'application/xml' })
pm.request.url.query.add({ key: 'ts', value: '1700000000' })
console.info('sending to', pm.request.url.getHost(), pm.request.url.getPath())
pm.execution.setNextRequest('Second')
pm.visualizer.set('<b>{{n}}</b>', { n: 1 })
if (pm.info.eventName === 'prerequest') pm.execution.skipRequest()
`
    const result = await runScript({
      kind: 'prerequest',
      code,
      request: { ...request, headers: [{ key: 'accept', value: 'application/json' }] },
    })
    expect(result.error).toBeUndefined()
    expect(result.request?.headers).toEqual([
      { key: 'accept', value: 'application/xml' },
      { key: 'X-Signature', value: 'sig-POST' },
    ])
    expect(result.request?.url).toBe('https://api.example.com/v1/auth/token?grant=refresh&ts=1700000000')
    expect(result.console).toEqual([{ level: 'info', args: ['sending to', 'api.example.com', '/v1/auth/token'] }])
    expect(result.nextRequest).toBe('Second')
    expect(result.skipRequest).toBe(true)
    expect(result.visualizer).toEqual({ template: '<b>{{n}}</b>', data: { n: 1 } })
    const stop = await runScript({ kind: 'test', code: 'postman.setNextRequest(null)', request, response: json({}) })
    expect(stop.nextRequest).toBeNull()
  })

  it('pm.sendRequest goes only through the injected sender, in callback and promise forms, and settles first', async () => {
    const sent: unknown[] = []
    const code = `
pm.sendRequest({ url: 'https://login.example.com/token', method: 'POST', header: { 'Content-Type': 'application/json' },
  body: { mode: 'raw', raw: JSON.stringify({ user: pm.environment.get('user') }) } }, function (err, res) {
  pm.test('callback form', () => { pm.expect(err).to.equal(null); pm.expect(res).to.have.status(200) })
  pm.environment.set('token', res.json().token)
})
const page = await pm.sendRequest('https://api.example.com/items?page=2')
pm.test('promise form', () => pm.expect(page.json()).to.eql({ page: 2 }))
await new Promise((resolve) => setTimeout(resolve, 20))
pm.test('after a timer', () => pm.expect(pm.environment.get('token')).to.equal('T-1'))
try { await pm.sendRequest('http://10.0.0.1/') } catch (e) { pm.environment.set('refused', e.message) }
`
    const result = await test(code, json({}), {
      variables: { environment: { user: 'ann' } },
      sendRequest: async (req) => {
        sent.push(req)
        if (req.url.startsWith('http://10.')) throw new Error('Blocked: 10.0.0.1 is a private address')
        await new Promise((resolve) => setTimeout(resolve, 5))
        if (req.url.includes('login')) return json({ token: 'T-1' })
        return json({ page: 2 })
      },
    })
    expect(result.error).toBeUndefined()
    expect(result.tests).toEqual([
      { name: 'callback form', passed: true },
      { name: 'promise form', passed: true },
      { name: 'after a timer', passed: true },
    ])
    expect(result.variables.environment).toMatchObject({
      token: 'T-1',
      refused: 'Blocked: 10.0.0.1 is a private address',
    })
    expect(sent[0]).toEqual({
      url: 'https://login.example.com/token',
      method: 'POST',
      headers: [{ key: 'Content-Type', value: 'application/json' }],
      body: { mode: 'raw', raw: '{"user":"ann"}' },
    })
    const without = await test(
      'pm.sendRequest("https://x.example/", (err) => pm.environment.set("e", err.message))',
      json({}),
    )
    expect(without.variables.environment).toEqual({ e: 'pm.sendRequest is not available here.' })
  })

  it('an error gives its line and column and keeps what ran before it', async () => {
    const code = [
      'pm.test("first", () => pm.response.to.have.status(200))',
      'pm.environment.set("before", "kept")',
      'console.log("still here")',
      'const body = pm.response.json();',
      '  body.missing.deeper = 1',
      'pm.environment.set("after", "never")',
    ].join('\n')
    const result = await test(code, json({}))
    expect(result.tests).toEqual([{ name: 'first', passed: true }])
    expect(result.variables.environment).toEqual({ before: 'kept' })
    expect(result.console).toEqual([{ level: 'log', args: ['still here'] }])
    expect(result.error).toEqual({
      kind: 'runtime',
      message: "TypeError: cannot set property 'deeper' of undefined",
      line: 5,
      column: expect.any(Number),
    })
    const syntax = await test('pm.test("a", () => {\n  pm.expect(1).to.equal(1)\n)', json({}))
    expect(syntax.error).toMatchObject({ kind: 'syntax', line: 3 })
    const first = await test('throw new Error("at once")', json({}))
    expect(first.error).toEqual({ kind: 'runtime', message: 'Error: at once', line: 1, column: 16 }) // QuickJS points at the call
    const invalidJson = await test('pm.response.json()', { code: 200, body: '<html>' })
    expect(invalidJson.error).toMatchObject({ kind: 'runtime', line: 1 })
  })

  it('async tests and done callbacks settle before the result is read', async () => {
    const code = `
pm.test('async', async () => { await null; pm.expect(1).to.equal(2) })
pm.test('done', (done) => { setTimeout(() => { pm.expect(true).to.be.true; done() }, 10) })
`
    const result = await test(code, json({}))
    expect(result.tests).toEqual([
      { name: 'async', passed: false, error: 'expected 1 to equal 2' },
      { name: 'done', passed: true },
    ])
  })
})

describe('lodash and CryptoJS, as Postman’s sandbox gives them', () => {
  it('CryptoJS signs as crypto-js does (HMAC-SHA256 of a pre-request signature, MD5, Base64)', async () => {
    const { createHash, createHmac } = await import('node:crypto')
    const result = await test(
      `pm.environment.set('sig', CryptoJS.HmacSHA256('GET\\n/v1', 'secret').toString(CryptoJS.enc.Base64));
       pm.environment.set('md5', require('crypto-js').MD5('a').toString());`,
      json({}),
    )
    expect(result.error).toBeUndefined()
    expect(result.variables.environment).toEqual({
      sig: createHmac('sha256', 'secret').update('GET\n/v1').digest('base64'),
      md5: createHash('md5').update('a').digest('hex'),
    })
  })

  it('`_` and require("lodash") work in every run, and a run cannot change them for the next', async () => {
    // From newman's set-next-request collection: `_.parseInt(postman.getEnvironmentVariable('count'))`.
    const first = await test(
      `var count = _.parseInt(postman.getEnvironmentVariable('count')); count++;
       postman.setEnvironmentVariable('count', String(count));
       tests['same lodash'] = require('lodash') === _ && _.VERSION === '4.17.21';
       try { _.mixin({ leaked: () => 1 }) } catch (e) {}
       try { _.parseInt = () => 0 } catch (e) {}`,
      json({}),
      { variables: { environment: { count: '1' } } },
    )
    expect(first.error).toBeUndefined()
    expect(first.variables.environment).toEqual({ count: '2' })
    expect(first.tests).toEqual([{ name: 'same lodash', passed: true }])
    const second = await test(`tests['untouched'] = typeof _.leaked === 'undefined' && _.parseInt('7') === 7`, json({}))
    expect(second.tests).toEqual([{ name: 'untouched', passed: true }])
  })
})
