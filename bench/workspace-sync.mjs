// Workspace files (issue 19) beside their floor, in one run: how soon an edit to a request file
// reaches a page of `courier serve --workspace DIR` (its /api/events stream) next to how soon a bare
// fs.watch in this process hears the same write; how soon a save in Courier is in the file; a
// `git checkout` that changes every request, until Courier holds them all, next to git's own time;
// and the Git view's status on every request changed next to `git status` + `git diff` run bare.
//
//   node apps/proxy/build.mjs && node bench/workspace-sync.mjs [--requests 500] [--samples 30]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { median, percentile, startCourier } from './support.mjs'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const REQUESTS = arg('requests', 500)
const SAMPLES = arg('samples', 30)
const PER_COLLECTION = 100

const dir = mkdtempSync(join(tmpdir(), 'courier-bench-workspace-'))
const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 })
const commit = (...args) => git('-c', 'user.name=bench', '-c', 'user.email=bench@example.test', 'commit', ...args)
const courier = await startCourier({ COURIER_WORKSPACE: dir })
const api = async (method, path, body) => {
  const response = await fetch(`${courier.url}${path}`, {
    method,
    headers: { ...courier.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** Every .yaml under collections/, by the request id its file holds. */
function requestFiles() {
  const byId = new Map()
  if (!existsSync(join(dir, 'collections'))) return byId
  for (const entry of readdirSync(join(dir, 'collections'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue
    const path = join(entry.parentPath ?? entry.path, entry.name)
    const text = readFileSync(path, 'utf8')
    if (/^method: /m.test(text)) byId.set(/^id: (.+)$/m.exec(text)[1], path)
  }
  return byId
}

/** The page's event stream: every change event, with when it arrived. */
async function openEvents() {
  const response = await fetch(`${courier.url}/api/events`, { headers: courier.headers })
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const waiters = new Set()
  let buffer = ''
  const ready = new Promise((resolve) => waiters.add({ test: (name) => name === 'ready', resolve }))
  ;(async () => {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let end
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const name = /^event: (.+)$/m.exec(block)?.[1]
        const data = /^data: (.+)$/m.exec(block)?.[1]
        if (!name) continue
        const event = data ? JSON.parse(data) : {}
        const at = performance.now()
        for (const waiter of [...waiters])
          if (waiter.test(name, event)) {
            waiters.delete(waiter)
            waiter.resolve(at)
          }
      }
    }
  })()
  await ready
  return {
    /** Resolves with the arrival time of the first event `test` accepts. */
    next: (test) => new Promise((resolve) => waiters.add({ test, resolve })),
    close: () => reader.cancel(),
  }
}

/** Resolves with when a bare fs.watch of the workspace first hears `file` (a path under it). */
function heard(file) {
  return new Promise((resolve) => {
    const watcher = watch(join(dir, 'collections'), { recursive: true }, (_, name) => {
      if (name && join(dir, 'collections', name) === file) {
        watcher.close()
        resolve(performance.now())
      }
    })
  })
}

const ms = (values) => `p50 ${median(values).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`

try {
  // A workspace of REQUESTS requests in collections of 100, made through the API as a page does.
  const ids = []
  for (let c = 0; c * PER_COLLECTION < REQUESTS; c++) {
    const tree = await api('POST', '/api/collections', { name: `Collection ${c}` })
    for (let i = 0; i < PER_COLLECTION && ids.length < REQUESTS; i++) {
      const item = await api('POST', '/api/items', {
        kind: 'request',
        collectionId: tree.id,
        name: `Request ${i}`,
        request: { method: 'GET', url: `https://api.example.test/${c}/${i}`, headers: [], params: [] },
      })
      ids.push(item.id)
    }
  }
  const events = await openEvents()
  for (let tries = 0; requestFiles().size < REQUESTS; tries++) {
    if (tries > 200) throw new Error(`only ${requestFiles().size} of ${REQUESTS} request files were written`)
    await events.next((name, event) => name === 'change' && event.kind === 'files')
  }
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  commit('-qm', 'first')
  const files = requestFiles()
  console.log(`workspace: ${REQUESTS} requests in ${Math.ceil(REQUESTS / PER_COLLECTION)} collections, ${dir}`)

  // 1. Another program edits a request file in place: fs.watch hears it, then Courier's page does.
  const watchMs = []
  const pageMs = []
  for (let n = 0; n < SAMPLES; n++) {
    const id = ids[(n * 37) % ids.length]
    const file = files.get(id)
    const text = readFileSync(file, 'utf8').replace(/^url: .*$/m, `url: https://edited.example.test/${n}`)
    const bare = heard(file)
    const page = events.next((name, event) => name === 'change' && event.kind === 'item' && event.id === id)
    const t = performance.now()
    writeFileSync(file, text)
    watchMs.push((await bare) - t)
    pageMs.push((await page) - t)
  }
  console.log(`file edit → bare fs.watch hears it:     ${ms(watchMs)}`)
  console.log(`file edit → Courier's page hears it:    ${ms(pageMs)}  (the sync waits 100 ms for more writes)`)

  // 2. A save in Courier: answered, then the file holds it.
  const answerMs = []
  const fileMs = []
  for (let n = 0; n < SAMPLES; n++) {
    const id = ids[(n * 53 + 11) % ids.length]
    const file = files.get(id)
    const item = (await api('GET', '/api/collections')).flatMap((tree) => tree.items).find((i) => i.id === id)
    const url = `https://saved.example.test/${n}`
    const written = new Promise((resolve) => {
      const watcher = watch(join(dir, 'collections'), { recursive: true }, () => {
        if (readFileSync(file, 'utf8').includes(`url: ${url}\n`)) {
          watcher.close()
          resolve(performance.now())
        }
      })
    })
    const t = performance.now()
    await api('PATCH', `/api/items/${id}`, { version: item.version, request: { ...item.request, url } })
    answerMs.push(performance.now() - t)
    fileMs.push((await written) - t)
  }
  console.log(`save in Courier → answered:             ${ms(answerMs)}`)
  console.log(`save in Courier → in its file:          ${ms(fileMs)}`)
  commit('-qam', 'edits')

  // 3. A branch where every request's URL differs; switching to it, until Courier holds them all.
  git('checkout', '-qb', 'every-url')
  for (const [id, file] of files)
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^url: .*$/m, `url: https://branch.example.test/${id}`))
  commit('-qam', 'every url')
  const allOn = async (prefix) => {
    const trees = await api('GET', '/api/collections')
    const urls = trees
      .flatMap((tree) => tree.items)
      .filter((i) => i.kind === 'request')
      .map((i) => i.request.url)
    return urls.length === REQUESTS && urls.every((u) => u.startsWith(prefix))
  }
  const switchTo = async (branch, prefix) => {
    const t = performance.now()
    git('checkout', '-q', branch)
    const gitMs = performance.now() - t
    while (!(await allOn(prefix))) await events.next((name) => name === 'change')
    return { gitMs, courierMs: performance.now() - t }
  }
  await switchTo('main', 'https://')
  // The peer: the same checkout in a clone nobody watches.
  const clone = `${dir}-clone`
  execFileSync('git', ['clone', '-q', dir, clone])
  execFileSync('git', ['checkout', '-q', 'every-url'], { cwd: clone })
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: clone })
  const switches = []
  const bare = []
  for (let n = 0; n < 5; n++) {
    for (const branch of ['every-url', 'main']) {
      const t = performance.now()
      execFileSync('git', ['checkout', '-q', branch], { cwd: clone })
      bare.push(performance.now() - t)
    }
    switches.push(await switchTo('every-url', 'https://branch.example.test/'))
    await events.next((name, event) => name === 'change' && event.kind === 'files')
    await switchTo('main', 'https://')
    await events.next((name, event) => name === 'change' && event.kind === 'files')
  }
  rmSync(clone, { recursive: true, force: true })
  console.log(
    `git checkout changing ${REQUESTS} requests: in an unwatched clone ${median(bare).toFixed(0)} ms; ` +
      `in the workspace git ${median(switches.map((s) => s.gitMs)).toFixed(0)} ms, ` +
      `Courier holds all ${median(switches.map((s) => s.courierMs)).toFixed(0)} ms after it began (median of 5)`,
  )

  // 4. Every request changed and not committed: the Git view's status beside git's own commands.
  for (const [id, file] of files)
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^url: .*$/m, `url: https://status.example.test/${id}`))
  while (!(await allOn('https://status.example.test/'))) await events.next((name) => name === 'change')
  const viewMs = []
  const bareMs = []
  for (let n = 0; n < 5; n++) {
    let t = performance.now()
    git('status', '--porcelain=v2', '--branch', '--untracked-files=all')
    git('diff', 'HEAD', '--', '.')
    bareMs.push(performance.now() - t)
    t = performance.now()
    const status = await api('GET', '/api/workspace-files')
    viewMs.push(performance.now() - t)
    if (status.git.changes.length !== REQUESTS) throw new Error(`status lists ${status.git.changes.length} changes`)
  }
  console.log(
    `status, ${REQUESTS} changed: git status + git diff ${median(bareMs).toFixed(0)} ms, ` +
      `GET /api/workspace-files (with words per request) ${median(viewMs).toFixed(0)} ms (median of 5)`,
  )
  events.close()
} finally {
  await courier.stop()
  rmSync(dir, { recursive: true, force: true })
}
