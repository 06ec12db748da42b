import { randomBytes } from 'node:crypto'
import { describe, expect, it, onTestFinished } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { DIALECTS } from '../test/dialects.js'
import { openDatabase } from './database.js'
import { commitFor, GroupCommit, historyAppend } from './history-append.js'
import { createHistoryStore } from './history-store.js'
import { historyEntry } from './store-contract.js'
import { isSqlite } from './dialect.js'

async function open(target: Parameters<typeof openDatabase>[0]) {
  const db = await openDatabase(target)
  onTestFinished(() => db.destroy())
  const box = new SecretBox(randomBytes(32))
  return { db, box, history: createHistoryStore(db, box) }
}

for (const dialect of DIALECTS) {
  describe(`history group commit (${dialect.name})`, () => {
    it('commits the appends of one moment in fewer transactions, each answered once it is stored', async () => {
      const { db, box, history } = await open(await dialect.target())
      const commit = commitFor(db)
      const batches: number[] = []
      const group = new GroupCommit(async (batch) => {
        batches.push(batch.length)
        await commit(batch)
      })
      const entries = Array.from({ length: 40 }, (_, i) => historyEntry({ url: `http://api.test/orders/${i}` }))
      await Promise.all(
        entries.map(async (entry) => {
          await group.append(historyAppend(entry, `ticket n${entries.indexOf(entry)}x`, 'local', box, isSqlite(db)))
          // Answered only once committed: the entry is already readable.
          expect(await history.get(entry.id)).toEqual(entry)
        }),
      )
      expect(batches.reduce((a, b) => a + b, 0)).toBe(40)
      expect(batches.length).toBeLessThan(40)
      expect((await history.list({ limit: 100 })).items).toHaveLength(40)
      expect((await history.list({ limit: 100, q: 'ticket n17x' })).items.map((item) => item.id)).toEqual([
        entries[17]!.id,
      ])
    })

    it('a lone append is committed without waiting for company', async () => {
      const { history } = await open(await dialect.target())
      const entry = historyEntry()
      await history.append(entry, 'lonely')
      expect((await history.list({ limit: 10, q: 'lonely' })).items).toHaveLength(1)
    })

    it('one bad entry in a batch fails only its own append', async () => {
      const { history } = await open(await dialect.target())
      const taken = historyEntry()
      await history.append(taken)
      const others = [historyEntry(), historyEntry(), historyEntry()]
      const results = await Promise.allSettled([
        history.append(others[0]!),
        history.append({ ...taken, url: 'http://api.test/again' }),
        history.append(others[1]!),
        history.append(others[2]!),
      ])
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
      for (const entry of others) expect(await history.get(entry.id)).toEqual(entry)
      expect((await history.get(taken.id))?.url).toBe(taken.url)
    })
  })
}
