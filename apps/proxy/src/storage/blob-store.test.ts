import { randomBytes } from 'node:crypto'
import { open, readdir, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { Kysely } from 'kysely'
import { SecretBox } from '../secrets/secret-box.js'
import { SealedFiles } from '../secrets/sealed-file.js'
import { HEADER_SIZE, TAG_SIZE } from '../secrets/sealed-format.js'
import { BATCH_CHUNKS } from '../secrets/sealed-writer.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import type { BlobStore } from '../ports/blob-store.js'
import { blobStoreContract, CONTRACT_CHUNK_SHIFT } from './blob-store-contract.js'
import { DatabaseBlobs } from './database-blobs.js'
import { openDatabase } from './database.js'
import { FileBlobs } from './file-blobs.js'
import { openStore } from './open-store.js'
import type { Database } from './schema.js'

const derive = (box: SecretBox) => (salt: Buffer, info: string, length: number) => box.deriveKey(salt, info, length)

blobStoreContract('sealed files in the data folder', {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'courier-blobs-'))
    const box = new SecretBox(randomBytes(32))
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'courier.db') }, box)
    const sealed = (what: string) => new SealedFiles(derive(box), what, CONTRACT_CHUNK_SHIFT)
    return {
      bodies: new FileBlobs(join(dir, 'bodies'), sealed('response body')),
      files: new FileBlobs(join(dir, 'files'), sealed('uploaded file')),
      store,
      async close() {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  async tamper(blobs, id, offset) {
    const handle = await open(join((blobs as FileBlobs).dir, id), 'r+')
    const byte = Buffer.alloc(1)
    await handle.read(byte, 0, 1, HEADER_SIZE + offset)
    byte[0]! ^= 0xff
    await handle.write(byte, 0, 1, HEADER_SIZE + offset)
    await handle.close()
  },
  async age(blobs, ms) {
    const dir = (blobs as FileBlobs).dir
    const then = new Date(Date.now() - ms)
    for (const name of await readdir(dir)) await utimes(join(dir, name), then, then)
  },
})

describePostgres('PostgreSQL blobs', (url) => {
  const dbs = new Map<BlobStore, { db: Kysely<Database>; kind: 'body' | 'file' }>()
  blobStoreContract('chunk rows in PostgreSQL', {
    async open() {
      const schema = await freshSchema(url, 'courier_blobs')
      const box = new SecretBox(randomBytes(32))
      const target = { kind: 'postgres', url: schema.url } as const
      const store = await openStore(target, box)
      const db = await openDatabase(target)
      const bodies = new DatabaseBlobs(db, 'body', derive(box), 'response body', CONTRACT_CHUNK_SHIFT)
      const files = new DatabaseBlobs(db, 'file', derive(box), 'uploaded file', CONTRACT_CHUNK_SHIFT)
      dbs.set(bodies, { db, kind: 'body' }).set(files, { db, kind: 'file' })
      return {
        bodies,
        files,
        store,
        async close() {
          await db.destroy()
          await store.close()
          await schema.drop()
        },
      }
    },
    async tamper(blobs, id, offset) {
      const { db } = dbs.get(blobs)!
      const blob = await db.selectFrom('blobs').select('id').where('owner_id', '=', id).executeTakeFirstOrThrow()
      const row = BATCH_CHUNKS * (2 ** CONTRACT_CHUNK_SHIFT + TAG_SIZE)
      const seq = Math.floor(offset / row)
      const chunk = await db
        .selectFrom('blob_chunks')
        .select('data')
        .where('blob_id', '=', blob.id)
        .where('seq', '=', seq)
        .executeTakeFirstOrThrow()
      const data = Buffer.from(chunk.data)
      data[offset - seq * row]! ^= 0xff
      await db.updateTable('blob_chunks').set({ data }).where('blob_id', '=', blob.id).where('seq', '=', seq).execute()
    },
    async age(blobs, ms) {
      const { db, kind } = dbs.get(blobs)!
      await db
        .updateTable('blobs')
        .set({ written_at: new Date(Date.now() - ms).toISOString() })
        .where('kind', '=', kind)
        .execute()
    },
  })
})
