// History search over 1,000,000 entries: p50/p95 of the real store query for every combination of
// the filters the API offers (words common / rare / absent / prefix / two, method, status exact /
// class / error, time range, cursor, the person in team mode), each side by side with a baseline
// scan (the same filters and LIKE '%word%' on a table without indexes) over the same rows, in one run.
// Budget: p95 ≤ 50 ms for every query, including those that match nothing.
// Run: cd apps/proxy && npx tsx ../../bench/history-search.ts [entries] [--postgres]
// (--postgres fills a fresh schema of TEST_DATABASE_URL instead of a SQLite file; try 100000.)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import type { HistoryQuery } from '@courier/shared'
import { SecretBox } from '../apps/proxy/src/secrets/secret-box.js'
import { openStore } from '../apps/proxy/src/storage/open-store.js'
import { newId } from '../apps/proxy/src/ids.js'

// better-sqlite3 and pg are dependencies of apps/proxy; pnpm does not hoist them to the root.
const proxyRequire = createRequire(new URL('../apps/proxy/package.json', import.meta.url))
const Database = proxyRequire('better-sqlite3') as typeof import('better-sqlite3')
const pg = proxyRequire('pg') as typeof import('pg')

const ENTRIES = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 1_000_000)
const POSTGRES = process.argv.includes('--postgres')
// BENCH_RUNS=5 for a quicker look (an old build's slow queries take long at 30 each).
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const BASELINE_RUNS = Math.min(3, RUNS)
const dir = mkdtempSync(join(tmpdir(), 'courier-bench-history-'))
const box = SecretBox.open(dir)

// A vocabulary with a long tail, so some words are rare and some are everywhere; every body has
// "acme" (the shop it is about), as real history has its API's name in every entry. (Not the host:
// PostgreSQL's parser keeps "api.example.com" as one token, where SQLite's splits it.)
const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`)
let seed = 42
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const word = () => vocabulary[Math.floor(random() ** 3 * vocabulary.length)]!
// Methods and statuses go together as they do in real traffic: POST never answers 404 here,
// HEAD is rare, OPTIONS never sent; one send in 100 fails (no status).
const methods = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE']
const statusesOf: Record<string, number[]> = {
  GET: [200, 200, 200, 200, 304, 404, 500],
  POST: [201, 201, 400, 401, 503],
  PUT: [200, 204, 409],
  DELETE: [204, 404],
  HEAD: [200],
}
const started = Date.UTC(2026, 0, 1)
const timeOf = (i: number) => started + i * 1000
const iso = (i: number) => new Date(timeOf(i)).toISOString()

type Row = {
  id: string
  created_at: string
  method: string
  url: string
  status: number | null
  error_code: string | null
  size: number
  user_id: string
  response_json: string
  search: string
}
/** Entry i of the local user (and, in the same second, a teammate's: ada often, grace rarely). */
function* rowsAt(i: number): Generator<Row> {
  const users = ['local']
  if (i % 10 === 0) users.push('ada')
  if (i % Math.max(1, Math.floor(ENTRIES / 300)) === 7) users.push('grace')
  for (const user of users) {
    const method = i % 1000 === 500 ? 'HEAD' : methods[Math.floor(random() * methods.length)]!
    const choices = statusesOf[method]!
    const failed = i % 100 === 42
    const status = failed ? null : choices[Math.floor(random() * choices.length)]!
    const url = `https://api.example.com/${word()}/${i}?q=${word()}`
    const body = `{"shop":"acme","order":"ord-${i}","items":["${word()}","${word()}","${word()}"],"note":"${word()} ${word()} ${word()} ${word()}"}`
    // One send in 200 finishes after later ones started: its time is up to 30 s before its rowid's.
    const at = i % 200 === 3 ? timeOf(i) - Math.floor(random() * 30_000) : timeOf(i)
    yield {
      id: newId(),
      created_at: new Date(at).toISOString(),
      method,
      url,
      status,
      error_code: failed ? 'UPSTREAM_HEADERS_TIMEOUT' : null,
      size: body.length,
      user_id: user,
      response_json: JSON.stringify({ body: { inline: body } }),
      search: `${method} ${url}\n${status}\n${body}`,
    }
  }
}

const target = POSTGRES ? await postgresTarget() : { kind: 'sqlite' as const, path: join(dir, 'courier.sqlite') }
const store = await openStore(target, box)
await store.close()

console.log(`Filling ${ENTRIES.toLocaleString('en')} history entries (${POSTGRES ? 'PostgreSQL' : 'SQLite'})…`)
const fillStarted = performance.now()
const baseline = POSTGRES ? await fillPostgres() : fillSqlite()
console.log(`Filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`)

async function postgresTarget() {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('--postgres needs TEST_DATABASE_URL (postgres://user:password@host:5432/database).')
  const schema = `courier_bench_${randomBytes(4).toString('hex')}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`CREATE SCHEMA ${schema}`)
  await client.end()
  return {
    kind: 'postgres' as const,
    url: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
    admin: url,
  }
}

/** A baseline scans a copy of the rows without any index: the filters, and LIKE for the words. */
type Baseline = {
  scan: (where: string, params: unknown[]) => Promise<void>
  idAt: (fraction: number) => Promise<string>
  close: () => Promise<void>
}

function fillSqlite(): Baseline {
  const db = new Database((target as { path: string }).path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  db.exec(
    `CREATE TABLE plain (id TEXT, created_at TEXT, method TEXT, url TEXT, status INTEGER, user_id TEXT, response_json TEXT)`,
  )
  const insert = db.prepare(
    `INSERT INTO history (id, created_at, method, url, status, error_code, duration_ms, size, user_id, request_json, response_json)
     VALUES (@id, @created_at, @method, @url, @status, @error_code, 12.5, @size, @user_id, '{}', @response_json)`,
  )
  const index = db.prepare('INSERT INTO history_fts (rowid, url, body) VALUES (?, ?, ?)')
  const plain = db.prepare(
    'INSERT INTO plain VALUES (@id, @created_at, @method, @url, @status, @user_id, @response_json)',
  )
  const fill = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++)
      for (const row of rowsAt(i)) {
        const { search, ...columns } = row
        index.run(insert.run(columns).lastInsertRowid, row.url, search)
        plain.run(columns)
      }
  })
  for (let from = 0; from < ENTRIES; from += 50_000) fill(from, Math.min(ENTRIES, from + 50_000))
  db.pragma('wal_checkpoint(TRUNCATE)')
  return {
    async scan(where, params) {
      db.prepare(`SELECT id FROM plain WHERE ${where} ORDER BY rowid DESC LIMIT 51`).all(...params)
    },
    async idAt(fraction) {
      return (
        db
          .prepare(`SELECT id FROM history WHERE user_id = 'local' ORDER BY rowid LIMIT 1 OFFSET ?`)
          .get(Math.floor(ENTRIES * fraction)) as { id: string }
      ).id
    },
    async close() {
      db.close()
    },
  }
}

async function fillPostgres(): Promise<Baseline> {
  const { url, schema, admin } = target as { url: string; schema: string; admin: string }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(
    `CREATE TABLE plain (id text, created_at text, method text, url text, status integer, user_id text, response_json text, n serial)`,
  )
  let batch: Row[] = []
  const flush = async () => {
    if (!batch.length) return
    const values: unknown[] = []
    const tuples = batch.map((row, k) => {
      values.push(row.id, row.created_at, row.method, row.url, row.status, row.error_code, row.size, row.user_id)
      values.push(row.response_json, `${row.url}\n${row.search}`)
      const p = Array.from({ length: 10 }, (_, j) => `$${k * 10 + j + 1}`)
      return `(${p.slice(0, 7).join(', ')}, 12.5, ${p[7]}, '{}', ${p[8]}, ${p[9]})`
    })
    await client.query(
      `INSERT INTO history (id, created_at, method, url, status, error_code, size, duration_ms, user_id, request_json, response_json, search_text) VALUES ${tuples.join(', ')}`,
      values,
    )
    await client.query(
      `INSERT INTO plain (id, created_at, method, url, status, user_id, response_json)
       SELECT id, created_at, method, url, status, user_id, response_json FROM history WHERE id = ANY($1)`,
      [batch.map((row) => row.id)],
    )
    batch = []
  }
  for (let i = 0; i < ENTRIES; i++) {
    for (const row of rowsAt(i)) batch.push(row)
    if (batch.length >= 2000) await flush()
  }
  await flush()
  await client.query('ANALYZE history')
  await client.query('ANALYZE plain')
  return {
    async scan(where, params) {
      let n = 0
      const text = where.replace(/\?/g, () => `$${++n}`).replace(/ LIKE /g, ' ILIKE ')
      await client.query(`SELECT id FROM plain WHERE ${text} ORDER BY n DESC LIMIT 51`, params)
    },
    async idAt(fraction) {
      const { rows } = await client.query(
        `SELECT id FROM history WHERE user_id = 'local' ORDER BY id LIMIT 1 OFFSET $1`,
        [Math.floor(ENTRIES * fraction)],
      )
      return rows[0].id as string
    },
    async close() {
      await client.end()
      const drop = new pg.Client({ connectionString: admin })
      await drop.connect()
      await drop.query(`DROP SCHEMA ${schema} CASCADE`)
      await drop.end()
    },
  }
}

const rare = vocabulary[vocabulary.length - 3]!
const common = 'acme'
const middle = Math.floor(ENTRIES / 2)
const hour = { from: iso(middle), to: iso(middle + 3600) }
const recentHour = { from: iso(ENTRIES - 3600) }
const firstHalf = { to: iso(middle) }
const future = { from: iso(ENTRIES + 86_400) }
const deep = await baseline.idAt(0.5)

type Case = { name: string; query: Omit<HistoryQuery, 'limit'>; user?: string }
const cases: Case[] = [
  { name: 'newest page (no filter)', query: {} },
  { name: 'page at the middle of history (cursor)', query: { before: deep } },
  { name: 'method GET', query: { method: 'GET' } },
  { name: 'method HEAD (1 in 1,000)', query: { method: 'HEAD' } },
  { name: 'method OPTIONS (none)', query: { method: 'OPTIONS' } },
  { name: 'status 200', query: { status: '200' } },
  { name: 'status 5xx', query: { status: '5xx' } },
  { name: 'status error', query: { status: 'error' } },
  { name: 'status 1xx (none)', query: { status: '1xx' } },
  { name: 'POST + 2xx', query: { method: 'POST', status: '2xx' } },
  { name: 'POST + 404 (none)', query: { method: 'POST', status: '404' } },
  { name: 'last hour', query: recentHour },
  { name: 'an hour in the middle', query: hour },
  { name: 'first half of history', query: firstHalf },
  { name: 'future (none)', query: future },
  { name: 'GET + 2xx + an hour in the middle', query: { method: 'GET', status: '2xx', ...hour } },
  { name: 'GET + 2xx + first half', query: { method: 'GET', status: '2xx', ...firstHalf } },
  { name: `q "${common}" (every entry)`, query: { q: common } },
  { name: 'q "w0x" (4 in 10)', query: { q: 'w0x' } },
  { name: `q "${rare}" (rare)`, query: { q: rare } },
  { name: 'q "zzabsent" (none)', query: { q: 'zzabsent' } },
  { name: 'q "acm" (prefix of every entry)', query: { q: 'acm' } },
  { name: 'q "ord 99999" (two words)', query: { q: 'ord 99999' } },
  { name: `q "${common} ${rare}"`, query: { q: `${common} ${rare}` } },
  { name: `q every entry + cursor`, query: { q: common, before: deep } },
  { name: 'q every entry + OPTIONS (none)', query: { q: common, method: 'OPTIONS' } },
  { name: 'q every entry + POST', query: { q: common, method: 'POST' } },
  { name: 'q every entry + HEAD', query: { q: common, method: 'HEAD' } },
  { name: 'q every entry + status error', query: { q: common, status: 'error' } },
  { name: 'q every entry + 1xx (none)', query: { q: common, status: '1xx' } },
  { name: 'q every entry + POST + 404 (none)', query: { q: common, method: 'POST', status: '404' } },
  { name: 'q every entry + POST + 5xx', query: { q: common, method: 'POST', status: '5xx' } },
  { name: 'q every entry + an hour in the middle', query: { q: common, ...hour } },
  { name: 'q every entry + first half', query: { q: common, ...firstHalf } },
  { name: 'q every entry + future (none)', query: { q: common, ...future } },
  { name: 'q "w0x" + DELETE + 404 + first half', query: { q: 'w0x', method: 'DELETE', status: '404', ...firstHalf } },
  { name: `q rare + GET`, query: { q: rare, method: 'GET' } },
  { name: 'q absent + GET + 2xx', query: { q: 'zzabsent', method: 'GET', status: '2xx' } },
  { name: 'team: ada newest page', query: {}, user: 'ada' },
  {
    name: 'team: ada q every entry + POST + 404 (none)',
    query: { q: common, method: 'POST', status: '404' },
    user: 'ada',
  },
  { name: 'team: grace (300 entries) newest page', query: {}, user: 'grace' },
  { name: 'team: grace q every entry', query: { q: common }, user: 'grace' },
  { name: 'team: grace q every entry + POST', query: { q: common, method: 'POST' }, user: 'grace' },
]

/** The baseline's WHERE for a case: the same filters on the unindexed copy, LIKE for each word. */
function baselineWhere({ query, user }: Case): [string, unknown[]] {
  const parts = ['user_id = ?']
  const params: unknown[] = [user ?? 'local']
  for (const w of query.q?.split(' ') ?? []) {
    parts.push('(url LIKE ? OR response_json LIKE ?)')
    params.push(`%${w}%`, `%${w}%`)
  }
  const where = (part: string, ...values: unknown[]) => {
    parts.push(part)
    params.push(...values)
  }
  const base = Number(query.status?.[0]) * 100
  if (query.method) where('method = ?', query.method)
  if (query.status === 'error') where('status IS NULL')
  else if (query.status?.endsWith('xx')) where('status >= ? AND status < ?', base, base + 100)
  else if (query.status) where('status = ?', Number(query.status))
  if (query.from) where('created_at >= ?', query.from)
  if (query.to) where('created_at <= ?', query.to)
  if (query.before) where('id < ?', query.before)
  return [parts.join(' AND '), params]
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!

const reopened = await openStore(target, box)
const rows: string[][] = []
let over = 0
for (const c of cases) {
  const history = c.user ? reopened.historyOf(c.user) : reopened.history
  const query = { limit: 50, ...c.query }
  const times: number[] = []
  let found = 0
  let more = false
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now()
    const page = await history.list(query)
    times.push(performance.now() - t)
    found = page.items.length
    more = page.nextCursor !== null
  }
  const [where, params] = baselineWhere(c)
  const scanTimes: number[] = []
  for (let run = 0; run < BASELINE_RUNS; run++) {
    const t = performance.now()
    await baseline.scan(where, params)
    scanTimes.push(performance.now() - t)
  }
  const p95 = percentile(times, 95)
  if (p95 > 50) over++
  rows.push([
    c.name,
    `${found}${more ? '+' : ''}`,
    `${percentile(times, 50).toFixed(2)} ms`,
    `${p95.toFixed(2)} ms`,
    `${percentile(scanTimes, 50).toFixed(0)} ms`,
  ])
}
await reopened.close()
await baseline.close()

const header = [`query (${ENTRIES.toLocaleString('en')} entries)`, 'found', 'p50', 'p95', 'baseline scan p50']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
console.log(line(header))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const row of rows) console.log(line(row))
console.log(`\nBudget: p95 ≤ 50 ms for every query; ${over === 0 ? 'all within it' : `${over} over it`}.`)
console.log('found: entries on the first page (limit 50), + when there is a next page.')
rmSync(dir, { recursive: true, force: true })
