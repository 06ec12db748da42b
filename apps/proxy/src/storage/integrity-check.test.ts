import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite from 'better-sqlite3'
import { TOKEN_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { buildTestApp, TEST_TOKEN } from '../test/build-test-app.js'
import { logLines } from '../test/log-lines.js'
import { tempDataDir } from '../test/temp-dir.js'
import { damagedMarker } from './integrity-check.js'
import { openStore } from './open-store.js'
import { historyEntry } from './store-contract.js'

/**
 * Damages a closed data file the way a bad disk sector does: one b-tree page (the root of a
 * table of its own, which opening and migrations never read) overwritten with noise. Opening
 * still works; only reading the whole file finds it.
 */
function damage(path: string) {
  const db = new BetterSqlite(path)
  db.exec('CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT)')
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)')
  db.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run(`row ${i} `.repeat(30))
  })()
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'filler'").get() as {
    rootpage: number
  }
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const fd = openSync(path, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize)
  closeSync(fd)
}

describe('the data file check', () => {
  it('does not read the file while opening it, and finds a sound file sound', async () => {
    const path = join(tempDataDir(), 'courier.sqlite')
    const store = await openStore({ kind: 'sqlite', path }, SecretBox.open(tempDataDir()))
    expect(store.integrity.status()).toEqual({ state: 'pending' })
    expect(await store.integrity.check()).toEqual({ state: 'ok' })
    expect(store.integrity.status()).toEqual({ state: 'ok' })
    await store.close()
  })

  it('finds damage in the background, stops writes to the file, and the next open moves it aside', async () => {
    const dir = tempDataDir()
    const path = join(dir, 'courier.sqlite')
    const box = SecretBox.open(tempDataDir())
    const first = await openStore({ kind: 'sqlite', path }, box)
    const entry = historyEntry()
    await first.history.append(entry)
    await first.close()
    damage(path)

    const store = await openStore({ kind: 'sqlite', path }, box)
    const found = await store.integrity.check()
    expect(found.state).toBe('damaged')
    expect(found.message).toMatch(/^The data file .*courier\.sqlite is damaged \(SQLite's check found: .+\)/)
    expect(found.message).toMatch(/Courier stopped writing to it/)
    expect(existsSync(damagedMarker(path))).toBe(true)
    // Nothing more is written over the damaged file; what it still holds stays readable.
    await expect(store.history.append(historyEntry())).rejects.toMatchObject({ code: 'SQLITE_READONLY' })
    expect(await store.history.get(entry.id)).toEqual(entry)
    await store.close()

    await expect(openStore({ kind: 'sqlite', path }, box)).rejects.toMatchObject({
      code: 'STORAGE_CORRUPT',
      message: expect.stringMatching(/is damaged and was moved to .*courier\.sqlite\.corrupt-\d+/),
    })
    expect(existsSync(path)).toBe(false)
    expect(existsSync(damagedMarker(path))).toBe(false)
    expect(readdirSync(dir).some((name) => /^courier\.sqlite\.corrupt-\d+$/.test(name))).toBe(true)
    const fresh = await openStore({ kind: 'sqlite', path }, box)
    expect((await fresh.history.list({ limit: 10 })).items).toEqual([])
    await fresh.close()
  })

  it('keeps a file found sound again (a backup restored over it) and drops its marker', async () => {
    const path = join(tempDataDir(), 'courier.sqlite')
    const box = SecretBox.open(tempDataDir())
    const first = await openStore({ kind: 'sqlite', path }, box)
    const entry = historyEntry()
    await first.history.append(entry)
    await first.close()
    writeFileSync(damagedMarker(path), 'found before the backup was restored\n')

    const reopened = await openStore({ kind: 'sqlite', path }, box)
    expect(existsSync(damagedMarker(path))).toBe(false)
    expect(await reopened.history.get(entry.id)).toEqual(entry)
    await reopened.close()
  })

  it('runs once the server listens: the log says so, /api/info shows it, and a save answers STORAGE_CORRUPT', async () => {
    const dataDir = tempDataDir()
    const path = join(dataDir, 'courier.sqlite')
    const first = await buildTestApp({ dataDir })
    await first.close()
    damage(path)

    const log = logLines()
    const app = await buildTestApp({ dataDir, logStream: log.stream })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    const host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url, payload, headers: { host, [TOKEN_HEADER]: TEST_TOKEN } })

    const logged = JSON.parse(await log.line(/is damaged/)) as { level: number; msg: string }
    expect(logged.level).toBe(50) // error
    expect(logged.msg).toMatch(/Courier stopped writing to it/)
    const info = (await call('GET', '/api/info')).json()
    expect(info.integrity).toEqual({ state: 'damaged', message: logged.msg })
    const saved = await call('POST', '/api/collections', { name: 'Not kept' })
    expect(saved.statusCode).toBe(500)
    expect(saved.json().error).toEqual({ code: 'STORAGE_CORRUPT', message: logged.msg })
  })
})
