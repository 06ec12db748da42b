// History search over 1,000,000 entries: p50/p95 of the real store query (SQLite FTS5), side by
// side with a baseline scan (LIKE '%word%') over the same rows, in one run. Budget: p95 ≤ 50 ms.
// Run: pnpm --filter @courier/proxy exec tsx ../../bench/history-search.ts [entries]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { SecretBox } from '../apps/proxy/src/secrets/secret-box.js'
import { openStore } from '../apps/proxy/src/storage/open-store.js'
import { newId } from '../apps/proxy/src/ids.js'

// better-sqlite3 is a dependency of apps/proxy; pnpm does not hoist it to the root.
const Database = createRequire(new URL('../apps/proxy/package.json', import.meta.url))(
  'better-sqlite3',
) as typeof import('better-sqlite3')
const ENTRIES = Number(process.argv[2] ?? 1_000_000)
const RUNS = 40
const dir = mkdtempSync(join(tmpdir(), 'courier-bench-history-'))
const path = join(dir, 'courier.sqlite')

// A vocabulary with a long tail, so some words are rare and some are everywhere.
const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`)
let seed = 42
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const word = () => vocabulary[Math.floor(random() ** 3 * vocabulary.length)]!
const methods = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE']
const statuses = [200, 200, 200, 201, 204, 301, 400, 401, 404, 500, 503]

const store = await openStore({ kind: 'sqlite', path }, SecretBox.open(dir))
await store.close()

console.log(`Filling ${ENTRIES.toLocaleString('en')} history entries…`)
const fillStarted = performance.now()
const db = new Database(path)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = OFF')
const insert = db.prepare(
  'INSERT INTO history (id, created_at, method, url, status, error_code, duration_ms, size, request_json, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
)
const index = db.prepare('INSERT INTO history_fts (rowid, url, body) VALUES (?, ?, ?)')
const started = Date.now() - ENTRIES * 1000
const fill = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const method = methods[i % methods.length]!
    const status = statuses[i % statuses.length]!
    const url = `https://api.example.com/${word()}/${i}?q=${word()}`
    const body = `{"order":"ord-${i}","items":["${word()}","${word()}","${word()}"],"note":"${word()} ${word()} ${word()} ${word()}"}`
    const info = insert.run(
      newId(),
      new Date(started + i * 1000).toISOString(),
      method,
      url,
      status,
      null,
      12.5,
      body.length,
      '{}',
      '{}',
    )
    index.run(info.lastInsertRowid, url, `${method} ${url}\n${status}\n${body}`)
  }
})
for (let from = 0; from < ENTRIES; from += 50_000) fill(from, Math.min(ENTRIES, from + 50_000))
db.pragma('wal_checkpoint(TRUNCATE)')
console.log(`Filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`)

const rare = vocabulary[vocabulary.length - 3]!
const common = vocabulary[0]!
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!

const reopened = await openStore({ kind: 'sqlite', path }, SecretBox.open(dir))
const cases: { name: string; query: Parameters<typeof reopened.history.list>[0]; like?: string }[] = [
  { name: 'newest page (no filter)', query: { limit: 50 } },
  { name: `rare word "${rare}"`, query: { limit: 50, q: rare }, like: rare },
  { name: `common word "${common}"`, query: { limit: 50, q: common }, like: common },
  { name: 'prefix "ord-99999"', query: { limit: 50, q: 'ord-99999' }, like: 'ord-99999' },
  { name: 'word + status 5xx + POST', query: { limit: 50, q: common, status: '5xx', method: 'POST' } },
  { name: 'status 404 only', query: { limit: 50, status: '404' } },
]

const rows: string[][] = []
for (const { name, query, like } of cases) {
  const times: number[] = []
  let found = 0
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now()
    found = (await reopened.history.list(query)).items.length
    times.push(performance.now() - t)
  }
  let baseline = '—'
  if (like) {
    const scan = db.prepare('SELECT id FROM history WHERE url LIKE ? OR response_json LIKE ? ORDER BY id DESC LIMIT 51')
    const fts = db.prepare(
      'SELECT h.id FROM history h WHERE h.rowid IN (SELECT rowid FROM history_fts WHERE body LIKE ?) ORDER BY h.rowid DESC LIMIT 51',
    )
    const scanTimes: number[] = []
    for (let run = 0; run < 5; run++) {
      const t = performance.now()
      fts.all(`%${like}%`)
      scan.all(`%${like}%`, `%${like}%`)
      scanTimes.push(performance.now() - t)
    }
    baseline = `${percentile(scanTimes, 50).toFixed(0)} ms`
  }
  rows.push([
    name,
    String(found),
    `${percentile(times, 50).toFixed(2)} ms`,
    `${percentile(times, 95).toFixed(2)} ms`,
    baseline,
  ])
}
await reopened.close()
db.close()

const header = [
  'query (1,000,000 entries)'.replace('1,000,000', ENTRIES.toLocaleString('en')),
  'found',
  'p50',
  'p95',
  'LIKE scan p50',
]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
console.log(line(header))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const row of rows) console.log(line(row))
console.log('\nBudget: p95 ≤ 50 ms for every query.')
rmSync(dir, { recursive: true, force: true })
