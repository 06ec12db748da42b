import SqliteDatabase from 'better-sqlite3'
import { Kysely, sql, SqliteDialect } from 'kysely'
import { describe, expect, it, onTestFinished } from 'vitest'
import { withStatementCache } from './statement-cache.js'

function handle() {
  const db = new SqliteDatabase(':memory:')
  db.exec('CREATE TABLE t (n INTEGER)')
  db.prepare('INSERT INTO t (n) VALUES (1), (2), (3)').run()
  return db
}

describe('the prepared-statement cache under Kysely on SQLite', () => {
  it('prepares a query once and reuses it with other parameters', () => {
    const cached = withStatementCache(handle())
    onTestFinished(() => cached.close())
    const first = cached.prepare('SELECT n FROM t WHERE n > ?')
    expect(cached.prepare('SELECT n FROM t WHERE n > ?')).toBe(first)
    expect(first.all(1)).toEqual([{ n: 2 }, { n: 3 }])
    expect(cached.prepare('SELECT n FROM t WHERE n > ?').all(2)).toEqual([{ n: 3 }])
  })

  it('does not hand out a statement that is being iterated', () => {
    const cached = withStatementCache(handle())
    onTestFinished(() => cached.close())
    const streaming = cached.prepare('SELECT n FROM t ORDER BY n')
    const rows = streaming.iterate()
    expect(rows.next().value).toEqual({ n: 1 })
    expect(streaming.busy).toBe(true)
    expect(cached.prepare('SELECT n FROM t ORDER BY n')).not.toBe(streaming)
    rows.return?.()
    expect(cached.prepare('SELECT n FROM t ORDER BY n')).toBe(streaming)
  })

  it('serves Kysely: queries and a streamed select read what they should', async () => {
    const db = new Kysely<{ t: { n: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(handle()) }),
    })
    onTestFinished(() => db.destroy())
    for (const above of [0, 1, 2]) {
      const rows = await db.selectFrom('t').select('n').where('n', '>', above).orderBy('n').execute()
      expect(rows.map((r) => r.n)).toEqual([1, 2, 3].filter((n) => n > above))
    }
    const seen: number[] = []
    for await (const row of db.selectFrom('t').select('n').orderBy('n').stream()) seen.push(row.n)
    expect(seen).toEqual([1, 2, 3])
    await db.insertInto('t').values({ n: 4 }).execute()
    expect((await sql<{ c: number }>`SELECT count(*) AS c FROM t`.execute(db)).rows).toEqual([{ c: 4 }])
  })

  it('keeps a bounded number of statements, dropping the least recently used', () => {
    const cached = withStatementCache(handle())
    onTestFinished(() => cached.close())
    const often = cached.prepare('SELECT 0')
    for (let i = 1; i <= 300; i++) {
      cached.prepare(`SELECT ${i}`)
      if (i % 100 === 0) expect(cached.prepare('SELECT 0')).toBe(often)
    }
    expect(cached.prepare('SELECT 0')).toBe(often)
    // The first of the loop was evicted long ago: a new statement now.
    const one = cached.prepare('SELECT 1')
    expect(cached.prepare('SELECT 1')).toBe(one)
  })
})
