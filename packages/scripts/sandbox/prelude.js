// Runs INSIDE QuickJS, once per warm context: chai, the `pm` API and the legacy globals, then the
// realm is frozen so that one run cannot leave anything behind for the next. Bundled with chai by
// build-sandbox.mjs into src/generated/prelude-source.ts. Every run's state lives in `current`.
import './event-target.js'
import * as chai from 'chai'
import { installPostmanAssertions, isResponse, markResponse } from './postman-assertions.js'
import { freezeRealm } from './freeze-realm.js'

installPostmanAssertions(chai)

const host = globalThis.__host
const realGlobal = globalThis
const MAX_CONSOLE = 500
const HIDDEN = new Set(['__host', '__courier'])

const libraries = new Map()
/**
 * The libraries Postman's sandbox gives every script, by their require() names: lodash 4.17.21
 * (`_`) and crypto-js 3.3.0 (`CryptoJS`). Each is parsed on first use in a realm (both together
 * would triple the realm's start), then shared, frozen like the rest.
 */
function library(name) {
  if (!libraries.has(name)) {
    const module = { exports: {} }
    new Function('module', 'exports', host.librarySources[name])(module, module.exports)
    freezeRealm(module.exports)
    libraries.set(name, module.exports)
  }
  return libraries.get(name)
}

/** The state of the run in progress (null between runs). */
let current = null

function clone(value, depth = 0, seen = []) {
  if (value === undefined) return '[undefined]'
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`
    if (typeof value === 'bigint' || typeof value === 'symbol') return String(value)
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
    return value
  }
  if (seen.includes(value)) return '[Circular]'
  if (depth > 6) return '[Object]'
  if (value instanceof Error) return `${value.name}: ${value.message}`
  const next = [...seen, value]
  if (Array.isArray(value)) return value.slice(0, 200).map((item) => clone(item, depth + 1, next))
  const out = {}
  for (const key of Object.keys(value).slice(0, 200)) out[key] = clone(value[key], depth + 1, next)
  return out
}

function errorText(error) {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message)
  return String(error)
}

// ── Variables ────────────────────────────────────────────────────────────────────────────────

function replaceIn(template, lookup) {
  if (typeof template !== 'string') return template
  return template.replace(/\{\{([^{}]+)\}\}/g, (whole, name) => {
    const found = lookup(name.trim())
    return found === undefined ? whole : String(found)
  })
}

/**
 * Defines `obj[name]` as built on first use: most scripts touch a few parts of pm, and building
 * every part for every run is most of a run's cost. Reading it builds the value once and keeps it
 * as a plain property; assigning to it first keeps what the script assigned.
 */
function lazy(obj, name, make) {
  const keep = (value) =>
    Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true })
  Object.defineProperty(obj, name, {
    get: () => {
      const value = make()
      keep(value)
      return value
    },
    set: keep,
    enumerable: true,
    configurable: true,
  })
}

function scopeApi(store, name) {
  return {
    name,
    get: (key) => (Object.prototype.hasOwnProperty.call(store, key) ? store[key] : undefined),
    set: (key, value) => {
      store[String(key)] = value
    },
    unset: (key) => {
      delete store[key]
    },
    has: (key) => Object.prototype.hasOwnProperty.call(store, key),
    clear: () => {
      for (const key of Object.keys(store)) delete store[key]
    },
    toObject: () => ({ ...store }),
    toJSON: () => ({ ...store }),
    replaceIn: (template) =>
      replaceIn(template, (key) => (Object.prototype.hasOwnProperty.call(store, key) ? store[key] : undefined)),
  }
}

function resolver(vars) {
  // Postman's order: local › iteration data › environment › collection › globals.
  const order = [vars.local, vars.iterationData, vars.environment, vars.collectionVariables, vars.globals]
  return (key) => {
    for (const store of order) if (Object.prototype.hasOwnProperty.call(store, key)) return store[key]
    return undefined
  }
}

// ── Lists (headers, query) ───────────────────────────────────────────────────────────────────

function propertyList(items, caseInsensitive) {
  const same = (a, b) => (caseInsensitive ? String(a).toLowerCase() === String(b).toLowerCase() : a === b)
  const live = () => items.filter((item) => !item.disabled)
  return {
    get: (key) => {
      const found = live().filter((item) => same(item.key, key))
      return found.length ? found[found.length - 1].value : undefined
    },
    has: (key, value) => live().some((item) => same(item.key, key) && (value === undefined || item.value === value)),
    one: (key) => live().find((item) => same(item.key, key)),
    all: () => live().map((item) => ({ key: item.key, value: item.value })),
    count: () => live().length,
    each: (fn) => live().forEach((item) => fn({ key: item.key, value: item.value })),
    map: (fn) => live().map((item) => fn({ key: item.key, value: item.value })),
    filter: (fn) => live().filter((item) => fn({ key: item.key, value: item.value })),
    toObject: () => {
      const out = {}
      for (const item of live()) out[caseInsensitive ? String(item.key).toLowerCase() : item.key] = item.value
      return out
    },
    add: (item) => {
      items.push({ key: String(item.key), value: String(item.value ?? '') })
    },
    upsert: (item) => {
      const found = items.find((existing) => same(existing.key, item.key))
      if (found) found.value = String(item.value ?? '')
      else items.push({ key: String(item.key), value: String(item.value ?? '') })
    },
    remove: (key) => {
      for (let i = items.length - 1; i >= 0; i--)
        if (same(items[i].key, typeof key === 'string' ? key : key.key)) items.splice(i, 1)
    },
    toString: () =>
      live()
        .map((item) => `${item.key}: ${item.value}`)
        .join('\n'),
  }
}

// ── Request and response ─────────────────────────────────────────────────────────────────────

function parseUrl(raw) {
  const match = /^(?:([a-zA-Z][\w+.-]*):\/\/)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(raw) || []
  const hostPort = match[2] || ''
  const colon = hostPort.lastIndexOf(':')
  const query = (match[4] || '')
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=')
      return eq < 0 ? { key: pair, value: null } : { key: pair.slice(0, eq), value: pair.slice(eq + 1) }
    })
  return {
    protocol: match[1] || '',
    host: colon > 0 && !hostPort.endsWith(']') ? hostPort.slice(0, colon) : hostPort,
    port: colon > 0 && !hostPort.endsWith(']') ? hostPort.slice(colon + 1) : '',
    path: match[3] || '',
    query,
    hash: match[5] || '',
  }
}

function urlApi(state) {
  const url = {
    toString: () => {
      const p = state.parts
      const auth = p.host + (p.port ? `:${p.port}` : '')
      const q = p.query.map((item) => (item.value === null ? item.key : `${item.key}=${item.value}`)).join('&')
      return `${p.protocol ? `${p.protocol}://` : ''}${auth}${p.path}${q ? `?${q}` : ''}${p.hash ? `#${p.hash}` : ''}`
    },
    update: (raw) => {
      state.parts = parseUrl(String(raw))
      url.query = propertyList(state.parts.query, false)
    },
    getHost: () => state.parts.host,
    getPath: () => state.parts.path || '/',
    getQueryString: () => url.toString().split('?')[1]?.split('#')[0] ?? '',
    getRaw: () => url.toString(),
    query: propertyList(state.parts.query, false),
  }
  Object.defineProperty(url, 'protocol', { get: () => state.parts.protocol, enumerable: true })
  Object.defineProperty(url, 'port', { get: () => state.parts.port, enumerable: true })
  Object.defineProperty(url, 'host', { get: () => state.parts.host.split('.'), enumerable: true })
  Object.defineProperty(url, 'path', { get: () => state.parts.path.split('/').filter(Boolean), enumerable: true })
  return url
}

function requestApi(input) {
  const headers = (input.headers || []).map((h) => ({ key: h.key, value: h.value, disabled: h.disabled }))
  const urlState = { parts: parseUrl(String(input.url || '')) }
  const request = {
    id: input.id,
    name: input.name,
    method: String(input.method || 'GET').toUpperCase(),
    url: urlApi(urlState),
    headers: propertyList(headers, true),
    body: input.body ? { ...input.body, toString: () => String(input.body.raw ?? '') } : undefined,
    addHeader: (item) => request.headers.add(item),
    removeHeader: (key) => request.headers.remove(key),
    upsertHeader: (item) => request.headers.upsert(item),
  }
  request.toJSON = () => ({
    id: request.id,
    name: request.name,
    method: request.method,
    url: request.url.toString(),
    headers: headers.map((h) => ({ key: h.key, value: h.value, ...(h.disabled ? { disabled: true } : {}) })),
    ...(request.body ? { body: { ...request.body, toString: undefined } } : {}),
  })
  return request
}

function responseApi(input) {
  const headers = (input.headers || []).map((h) => ({ key: h.key, value: h.value }))
  const body = String(input.body ?? '')
  const response = {
    code: input.code,
    status: input.status || '',
    headers: propertyList(headers, true),
    responseTime: input.responseTime ?? 0,
    responseSize: input.size ?? body.length,
    text: () => body,
    json: () => JSON.parse(body),
    reason: () => input.status || '',
    size: () => {
      const header = headers.reduce((n, h) => n + h.key.length + String(h.value).length + 4, 0)
      const b = input.size ?? body.length
      return { body: b, header, total: b + header }
    },
    toJSON: () => ({ code: input.code, status: input.status, headers, body, responseTime: input.responseTime }),
  }
  Object.defineProperty(response, 'to', { get: () => chai.expect(response).to })
  Object.defineProperty(response, 'not', { get: () => chai.expect(response).not })
  markResponse(response)
  return response
}

// ── A run ─────────────────────────────────────────────────────────────────────────────────────

function recordTest(run, name, fn, skipped) {
  const result = { name: String(name) }
  run.tests.push(result)
  if (skipped || typeof fn !== 'function') {
    result.passed = false
    result.skipped = true
    return
  }
  const pass = () => {
    result.passed = true
  }
  const fail = (error) => {
    result.passed = false
    result.error = errorText(error)
  }
  try {
    if (fn.length > 0) {
      run.pending++
      let settled = false
      const done = (error) => {
        if (settled) return
        settled = true
        run.pending--
        if (error) fail(error)
        else pass()
      }
      try {
        fn(done)
      } catch (error) {
        done(error)
      }
      return
    }
    const value = fn()
    if (value && typeof value.then === 'function') {
      run.pending++
      value.then(
        () => {
          run.pending--
          pass()
        },
        (error) => {
          run.pending--
          fail(error)
        },
      )
      return
    }
    pass()
  } catch (error) {
    fail(error)
  }
}

function normalizeSend(req) {
  if (typeof req === 'string') return { url: req, method: 'GET', headers: [] }
  const url =
    typeof req.url === 'string' ? req.url : req.url && typeof req.url.toString === 'function' ? req.url.toString() : ''
  let headers = []
  const h = req.header ?? req.headers
  if (Array.isArray(h)) headers = h.map((item) => ({ key: String(item.key), value: String(item.value ?? '') }))
  else if (h && typeof h === 'object') headers = Object.keys(h).map((key) => ({ key, value: String(h[key]) }))
  let body
  if (req.body && typeof req.body === 'object') {
    const mode = req.body.mode || 'raw'
    if (mode === 'raw') body = { mode, raw: String(req.body.raw ?? '') }
    else if (mode === 'urlencoded')
      body = {
        mode,
        urlencoded: (req.body.urlencoded || []).map((item) => ({
          key: String(item.key),
          value: String(item.value ?? ''),
        })),
      }
    else body = { mode, raw: JSON.stringify(req.body[mode] ?? '') }
  } else if (typeof req.body === 'string') body = { mode: 'raw', raw: req.body }
  return { url, method: String(req.method || 'GET').toUpperCase(), headers, ...(body ? { body } : {}) }
}

function makePm(run, input) {
  const vars = run.vars
  const resolve = resolver(vars)
  const pm = {}
  const test = (name, fn) => recordTest(run, name, fn, false)
  test.skip = (name, fn) => recordTest(run, name, fn, true)
  pm.test = test
  pm.expect = chai.expect
  lazy(pm, 'environment', () => scopeApi(vars.environment, 'environment'))
  lazy(pm, 'collectionVariables', () => scopeApi(vars.collectionVariables, 'collectionVariables'))
  lazy(pm, 'globals', () => scopeApi(vars.globals, 'globals'))
  lazy(pm, 'iterationData', () => {
    const iteration = scopeApi(vars.iterationData, 'iterationData')
    return { get: iteration.get, has: iteration.has, toObject: iteration.toObject, toJSON: iteration.toJSON }
  })
  lazy(pm, 'variables', () => ({
    get: resolve,
    set: (key, value) => {
      vars.local[String(key)] = value
    },
    unset: (key) => {
      delete vars.local[key]
    },
    has: (key) => resolve(key) !== undefined,
    toObject: () => ({
      ...vars.globals,
      ...vars.collectionVariables,
      ...vars.environment,
      ...vars.iterationData,
      ...vars.local,
    }),
    replaceIn: (template) => replaceIn(template, resolve),
  }))
  lazy(pm, 'info', () => ({ ...(input.info || {}), eventName: input.kind }))
  lazy(pm, 'request', () => run.request)
  if (input.response) lazy(pm, 'response', () => run.response)
  lazy(pm, 'execution', () => ({
    setNextRequest: (name) => {
      run.nextRequest = name === null ? null : String(name)
    },
    skipRequest: () => {
      run.skipRequest = true
    },
    location: Object.freeze([String(input.info?.requestName ?? '')]),
  }))
  lazy(pm, 'setNextRequest', () => pm.execution.setNextRequest)
  lazy(pm, 'visualizer', () => ({
    set: (template, data, options) => {
      run.visualizer = {
        template: String(template),
        data: clone(data),
        ...(options ? { options: clone(options) } : {}),
      }
    },
    clear: () => {
      run.visualizer = undefined
    },
  }))
  pm.sendRequest = (req, callback) => {
    const id = ++run.sendCount
    const promise = new Promise((resolvePromise, reject) => {
      run.sends.set(id, { resolve: resolvePromise, reject })
    })
    host.send(run.token, id, JSON.stringify(normalizeSend(req)))
    const wrapped = promise.then((res) => responseApi(res))
    if (typeof callback === 'function') {
      run.pending++
      wrapped.then(
        (res) => {
          run.pending--
          try {
            callback(null, res)
          } catch (error) {
            run.fail(error)
          }
        },
        (error) => {
          run.pending--
          try {
            callback(error, null)
          } catch (thrown) {
            run.fail(thrown)
          }
        },
      )
      wrapped.catch(() => {})
    }
    return wrapped
  }
  return pm
}

function makeConsole(run) {
  const out = {}
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    out[level] = (...args) => {
      if (run.console.length >= MAX_CONSOLE) {
        run.consoleDropped++
        return
      }
      run.console.push({ level, args: args.map((arg) => clone(arg)) })
    }
  }
  return out
}

function makeLegacy(run, pm, input) {
  const vars = run.vars
  const legacy = {}
  legacy.tests = run.legacyTests
  legacy.environment = { ...vars.environment }
  legacy.globals = { ...vars.globals }
  legacy.data = { ...vars.iterationData }
  legacy.iteration = input.info?.iteration ?? 0
  const req = run.request.toJSON()
  legacy.request = {
    id: req.id,
    name: req.name,
    method: req.method,
    url: req.url,
    headers: run.request.headers.toObject(),
    data: req.body?.raw ?? {},
  }
  if (run.response) {
    const res = run.response
    legacy.responseBody = res.text()
    legacy.responseCode = { code: res.code, name: res.status, detail: res.status }
    legacy.responseTime = res.responseTime
    const headers = {}
    for (const item of res.headers.all()) headers[item.key] = item.value
    legacy.responseHeaders = headers
  }
  legacy.postman = {
    setEnvironmentVariable: (key, value) => pm.environment.set(key, value),
    getEnvironmentVariable: (key) => pm.environment.get(key),
    clearEnvironmentVariable: (key) => pm.environment.unset(key),
    clearEnvironmentVariables: () => pm.environment.clear(),
    setGlobalVariable: (key, value) => pm.globals.set(key, value),
    getGlobalVariable: (key) => pm.globals.get(key),
    clearGlobalVariable: (key) => pm.globals.unset(key),
    clearGlobalVariables: () => pm.globals.clear(),
    setNextRequest: (name) => pm.execution.setNextRequest(name),
    getResponseHeader: (name) => run.response?.headers.get(name),
  }
  return legacy
}

const LEGACY = new Set([
  'tests',
  'environment',
  'globals',
  'data',
  'iteration',
  'request',
  'responseBody',
  'responseCode',
  'responseTime',
  'responseHeaders',
  'postman',
])

/** The global scope a script sees: its own names first, then pm and the legacy globals (built on first use), then the frozen shared realm. */
function makeScope(run, names, legacy) {
  const own = Object.create(null)
  const handler = {
    has: (_target, key) => typeof key === 'string',
    get: (_target, key) => {
      if (key === Symbol.unscopables) return undefined
      if (key in own) return own[key]
      if (key in names) return names[key]
      if (LEGACY.has(key)) return legacy()[key]
      if (key === 'globalThis' || key === 'window' || key === 'self' || key === 'global') return scope
      if (typeof key === 'string' && HIDDEN.has(key)) return undefined
      return realGlobal[key]
    },
    set: (_target, key, value) => {
      own[key] = value
      return true
    },
    deleteProperty: (_target, key) => {
      delete own[key]
      return true
    },
    ownKeys: () => [...new Set([...Object.keys(names), ...Object.keys(legacy()), ...Object.keys(own)])],
    getOwnPropertyDescriptor: (_target, key) => {
      if (key in own) return { value: own[key], writable: true, enumerable: true, configurable: true }
      if (key in names) return { value: names[key], writable: true, enumerable: true, configurable: true }
      if (LEGACY.has(key)) return { value: legacy()[key], writable: true, enumerable: true, configurable: true }
      return undefined
    },
    defineProperty: (_target, key, descriptor) => {
      own[key] = descriptor.value
      return true
    },
  }
  const scope = new Proxy(Object.create(null), handler)
  return scope
}

function setTimer(run, fn, ms, repeat, args) {
  if (typeof fn !== 'function') throw new TypeError('setTimeout needs a function')
  const id = ++run.timerCount
  run.timers.set(id, { fn, args, repeat, ms: Math.max(0, Number(ms) || 0) })
  host.timer(run.token, id, Math.max(0, Number(ms) || 0))
  return id
}

function clearTimer(run, id) {
  if (run.timers.delete(id)) host.clearTimer(run.token, id)
}

const courier = {
  /** Starts a run: input is the JSON the host wrote. */
  begin(token, json) {
    const input = JSON.parse(json)
    const v = input.variables || {}
    const run = {
      token,
      kind: input.kind,
      vars: {
        environment: { ...(v.environment || {}) },
        collectionVariables: { ...(v.collectionVariables || {}) },
        globals: { ...(v.globals || {}) },
        iterationData: { ...(v.iterationData || {}) },
        local: { ...(v.local || {}) },
      },
      tests: [],
      legacyTests: {},
      console: [],
      consoleDropped: 0,
      pending: 0,
      sends: new Map(),
      sendCount: 0,
      timers: new Map(),
      timerCount: 0,
      nextRequest: undefined,
      skipRequest: false,
      visualizer: undefined,
      error: undefined,
      main: 'running',
    }
    run.fail = (error) => {
      if (run.error === undefined) run.error = error
    }
    lazy(run, 'request', () => requestApi(input.request || {}))
    if (input.response) lazy(run, 'response', () => responseApi(input.response))
    else run.response = undefined
    const pm = makePm(run, input)
    const names = {
      pm,
      setTimeout: (fn, ms, ...args) => setTimer(run, fn, ms, false, args),
      setInterval: (fn, ms, ...args) => setTimer(run, fn, ms, true, args),
      clearTimeout: (id) => clearTimer(run, id),
      clearInterval: (id) => clearTimer(run, id),
      setImmediate: (fn, ...args) => setTimer(run, fn, 0, false, args),
      clearImmediate: (id) => clearTimer(run, id),
      require: (name) => {
        if (name === 'lodash' || name === 'crypto-js') return library(name)
        throw new Error(`require('${String(name)}') is not available in Courier scripts`)
      },
    }
    lazy(names, 'console', () => makeConsole(run))
    lazy(names, '_', () => library('lodash'))
    lazy(names, 'CryptoJS', () => library('crypto-js'))
    let legacy
    run.scope = makeScope(run, names, () => (legacy ??= makeLegacy(run, pm, input)))
    current = run
    return 0 // not the scope: the host would serialize it
  },
  /** Runs the compiled script (an async function) and notes when it settles. */
  start(fn) {
    const run = current
    fn.call(run.scope).then(
      () => {
        run.main = 'done'
      },
      (error) => {
        run.main = 'done'
        run.fail(error)
      },
    )
  },
  settleSend(token, id, ok, json) {
    const run = current
    if (!run || run.token !== token) return
    const send = run.sends.get(id)
    if (!send) return
    run.sends.delete(id)
    if (ok) send.resolve(JSON.parse(json))
    else send.reject(new Error(String(json)))
  },
  fireTimer(token, id) {
    const run = current
    if (!run || run.token !== token) return
    const timer = run.timers.get(id)
    if (!timer) return
    if (timer.repeat) host.timer(run.token, id, timer.ms)
    else run.timers.delete(id)
    try {
      timer.fn(...timer.args)
    } catch (error) {
      run.fail(error)
    }
  },
  /** 1 while the script still waits on something inside the sandbox (a test callback, a send). */
  busy() {
    const run = current
    return run && (run.main === 'running' || run.pending > 0) ? 1 : 0
  },
  /** The run's result as JSON; ends the run. */
  end() {
    const run = current
    current = null
    if (!run) return 'null'
    const tests = run.tests.map((t) => ({ ...t, passed: t.passed === true }))
    for (const name of Object.keys(run.legacyTests)) tests.push({ name, passed: Boolean(run.legacyTests[name]) })
    let error
    if (run.error !== undefined) {
      const e = run.error
      error = {
        name: e && typeof e === 'object' && e.name ? String(e.name) : 'Error',
        message: errorText(e),
        stack: e && typeof e === 'object' && typeof e.stack === 'string' ? e.stack : '',
      }
    }
    return JSON.stringify({
      tests,
      variables: run.vars,
      console: run.console,
      consoleDropped: run.consoleDropped,
      ...(run.nextRequest !== undefined ? { nextRequest: run.nextRequest } : {}),
      skipRequest: run.skipRequest,
      ...(run.visualizer ? { visualizer: run.visualizer } : {}),
      ...(run.kind === 'prerequest' ? { request: run.request.toJSON() } : {}),
      ...(error ? { error } : {}),
    })
  },
  isResponse,
}

Object.defineProperty(globalThis, '__courier', { value: courier })
// chai is not on globalThis but every run reaches it through pm.expect (spread: its exports are getters).
freezeRealm(globalThis, { ...chai })
