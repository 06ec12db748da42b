import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from './store.js'

/**
 * Opens a store: `fresh` on an empty database; `again` as another, independent connection (its own
 * pool or file handle) to the database the last `fresh` call opened.
 */
export type OpenStore = (mode?: 'fresh' | 'again') => Promise<Store>

/** Enough rounds that a race between read, check and write cannot hide (issue 10 item 8). */
const ROUNDS = 50

type Versioned = { version: number; label: string }
type Write = (store: Store, version: number, label: string) => Promise<unknown>
type Read = (store: Store) => Promise<Versioned>

/** Every versioned write, with two writers on two connections: exactly one wins, the other hears STORAGE_CONFLICT. */
export function describeConcurrentWriters(name: string, open: OpenStore) {
  describe(`${name} versioned writes with two concurrent writers`, () => {
    let first: Store
    let second: Store
    beforeEach(async () => {
      first = await open('fresh')
      second = await open('again')
    })
    afterEach(async () => {
      await second.close()
      await first.close()
    })

    /** Both writers hold the same version and start together, each on its own connection. */
    async function race(read: Read, write: Write) {
      for (let round = 0; round < ROUNDS; round++) {
        const before = await read(first)
        const labels = [`A${round}`, `B${round}`] as const
        const results = await Promise.allSettled([
          write(first, before.version, labels[0]),
          write(second, before.version, labels[1]),
        ])
        const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [labels[index]] : []))
        const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []))
        expect(won, `round ${round}: winners`).toHaveLength(1)
        expect(lost[0], `round ${round}: the loser is told`).toMatchObject({ code: 'STORAGE_CONFLICT' })
        const after = await read(second)
        expect(after, `round ${round}: the row holds the winner's write`).toEqual({
          version: before.version + 1,
          label: won[0],
        })
      }
    }

    it('collections: exactly one of two writers of a version wins, 50 rounds', { timeout: 120_000 }, async () => {
      const { id } = await first.collections.create('start')
      await race(
        async (store) => {
          const collection = (await store.collections.get(id))!
          return { version: collection.version, label: collection.name }
        },
        (store, version, label) => store.collections.update(id, { version, name: label }),
      )
    })

    it(
      'saved requests and folders: exactly one of two writers of a version wins, 50 rounds',
      { timeout: 120_000 },
      async () => {
        const collection = await first.collections.create('Shop')
        const folder = await first.collections.createItem({
          kind: 'folder',
          collectionId: collection.id,
          parentId: null,
          name: 'start',
        })
        await race(
          async (store) => {
            const item = (await store.collections.getItem(folder.id))!
            return { version: item.version, label: item.name }
          },
          (store, version, label) => store.collections.updateItem(folder.id, { version, name: label }),
        )
      },
    )

    it('environments: exactly one of two writers of a version wins, 50 rounds', { timeout: 120_000 }, async () => {
      const { id } = await first.environments.create('start', [])
      await race(
        async (store) => {
          const environment = (await store.environments.get(id))!
          return { version: environment.version, label: environment.name }
        },
        (store, version, label) => store.environments.update(id, { version, name: label }),
      )
    })

    it(
      'keeps both of two concurrent response captures into one environment, 50 rounds',
      { timeout: 120_000 },
      async () => {
        const { id } = await first.environments.create('captures', [])
        for (let round = 0; round < ROUNDS; round++) {
          await Promise.all([
            first.environments.setVariable(id, `a${round}`, 'from A'),
            second.environments.setVariable(id, `b${round}`, 'from B'),
          ])
        }
        const names = (await first.environments.get(id))!.variables.map((variable) => variable.name)
        expect(names).toHaveLength(2 * ROUNDS)
      },
    )
  })
}
