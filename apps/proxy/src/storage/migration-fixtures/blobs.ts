import { expect } from 'vitest'
import { DatabaseBlobs } from '../database-blobs.js'
import type { MigrationFixture } from './fixture.js'

const BODY = '01900000-0000-7000-8000-000000000170'
const TEXT = 'a sealed response body kept in the database '.repeat(40)

export const blobFixtures: Record<string, MigrationFixture> = {
  '0017-blob-chunks': {
    async seed({ db, box }) {
      const blobs = new DatabaseBlobs(db, 'body', (s, i, l) => box.deriveKey(s, i, l), 'response body')
      const writer = blobs.createWriter(BODY)
      await writer.write(Buffer.from(TEXT))
      await writer.end()
    },
    async check(store) {
      const bodies = store.blobs('body')
      expect(await bodies.size(BODY)).toBe(TEXT.length)
      const opened = await bodies.openRead(BODY, { start: 2, end: 7 })
      const bytes: Buffer[] = []
      for await (const chunk of opened!.stream) bytes.push(chunk as Buffer)
      expect(Buffer.concat(bytes).toString()).toBe(TEXT.slice(2, 8))
      expect((await bodies.list()).map((blob) => [blob.id, blob.partial])).toEqual([[BODY, false]])
    },
  },
}
