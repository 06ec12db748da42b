import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/build-test-app.js'
import { SecretBox } from './secret-box.js'
import { SealedFiles, type ByteRange } from './sealed-file.js'
import { HEADER_SIZE, sealedSize, TAG_SIZE } from './sealed-format.js'

const SHIFT = 10 // 1 KiB chunks keep every boundary cheap to reach
const CHUNK = 2 ** SHIFT

function sealer(dir = tempDataDir(), shift = SHIFT) {
  const box = SecretBox.open(dir)
  return {
    dir,
    files: new SealedFiles((salt, info, length) => box.deriveKey(salt, info, length), 'response body', shift),
  }
}

async function readAll(files: SealedFiles, path: string, range?: ByteRange): Promise<Buffer> {
  const opened = await files.openRead(path, range)
  if (!opened) throw new Error('no file')
  const parts: Buffer[] = []
  for await (const part of opened.stream) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

/** Writes `data` in uneven pieces, as a network stream would deliver it. */
async function write(files: SealedFiles, path: string, data: Buffer): Promise<void> {
  const writer = files.createWriter(path)
  for (let offset = 0, step = 1; offset < data.length; offset += step, step = (step * 7 + 3) % 3000 || 1)
    await writer.write(data.subarray(offset, offset + step))
  await writer.end()
}

describe('sealed files', () => {
  // From 4 chunks on (BATCH_CHUNKS), whole batches go through the sealing thread; the rest is sealed here.
  const sizes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17, 4 * CHUNK, 4 * CHUNK + 1, 9 * CHUNK + 17]
  it.each(sizes)(
    'round-trips %i bytes, its size comes from the file size, every range boundary reads exactly',
    async (size) => {
      const { dir, files } = sealer()
      const data = randomBytes(size)
      const path = join(dir, 'body')
      await write(files, path, data)
      expect(statSync(path).size).toBe(sealedSize(size, CHUNK))
      expect(await files.size(path)).toBe(size)
      expect((await readAll(files, path)).equals(data)).toBe(true)
      // The plain bytes are not in the file; a needle shorter than 16 bytes could occur by chance.
      if (size >= 16) expect(readFileSync(path).includes(data.subarray(0, 16))).toBe(false)
      // Starts and ends on, just before and just after every chunk boundary.
      const points = new Set<number>(size > 0 ? [0, size - 1] : [])
      for (let edge = 0; edge <= size; edge += CHUNK)
        for (const p of [edge - 1, edge, edge + 1]) if (p >= 0 && p < size) points.add(p)
      for (const start of points) {
        for (const end of points) {
          if (end < start) continue
          const got = await readAll(files, path, { start, end })
          expect(got.equals(data.subarray(start, end + 1)), `${start}-${end}`).toBe(true)
        }
      }
    },
  )

  it('round-trips several MB with the default 256 KiB chunks', async () => {
    const { dir, files } = sealer(tempDataDir(), undefined)
    const data = randomBytes(5 * 1024 * 1024 + 12345)
    const path = join(dir, 'big')
    await files.writeFrom(Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), path)
    expect(await files.size(path)).toBe(data.length)
    expect((await readAll(files, path)).equals(data)).toBe(true)
    const start = 3 * 262144 - 5
    expect(
      (await readAll(files, path, { start, end: start + 300_000 })).equals(data.subarray(start, start + 300_001)),
    ).toBe(true)
  })

  it('leaves nothing but the finished file, and nothing at all when aborted', async () => {
    const { dir, files } = sealer()
    const writer = files.createWriter(join(dir, 'cut'))
    await writer.write(randomBytes(3 * 1024 * 1024))
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toHaveLength(1)
    expect(readdirSync(dir)).not.toContain('cut')
    await writer.abort()
    expect(readdirSync(dir).filter((name) => name !== 'secret.key')).toEqual([])
  })

  describe('refuses damage with STORAGE_CORRUPT, never garbage', () => {
    async function sealedFile(size = 3 * CHUNK + 100) {
      const { dir, files } = sealer()
      const path = join(dir, 'body')
      await write(files, path, randomBytes(size))
      return { files, path, bytes: readFileSync(path), dir }
    }
    const stride = CHUNK + TAG_SIZE
    const fails = async (files: SealedFiles, path: string, range?: ByteRange) => {
      await expect(readAll(files, path, range)).rejects.toMatchObject({
        code: 'STORAGE_CORRUPT',
        message: expect.stringMatching(/damaged or was altered/),
      })
    }

    it('a flipped bit in the first, a middle or the last chunk, or in the header', async () => {
      for (const offset of [HEADER_SIZE + 5, HEADER_SIZE + stride + 7, HEADER_SIZE + 3 * stride + 2, 20]) {
        const { files, path, bytes } = await sealedFile()
        bytes[offset]! ^= 1
        writeFileSync(path, bytes)
        await fails(files, path)
      }
    })

    it('a range read that needs the damaged chunk, and not one that does not', async () => {
      const { files, path, bytes } = await sealedFile()
      bytes[HEADER_SIZE + 2 * stride + 3]! ^= 0x80
      writeFileSync(path, bytes)
      await fails(files, path, { start: 2 * CHUNK + 10, end: 2 * CHUNK + 20 })
      expect(await readAll(files, path, { start: 0, end: CHUNK })).toHaveLength(CHUNK + 1)
    })

    it('chunks swapped', async () => {
      const { files, path, bytes } = await sealedFile()
      const first = Buffer.from(bytes.subarray(HEADER_SIZE, HEADER_SIZE + stride))
      bytes.copy(bytes, HEADER_SIZE, HEADER_SIZE + stride, HEADER_SIZE + 2 * stride)
      first.copy(bytes, HEADER_SIZE + stride)
      writeFileSync(path, bytes)
      await fails(files, path)
    })

    it('cut inside a chunk, cut at a chunk boundary, cut to the header, or grown', async () => {
      for (const length of [HEADER_SIZE + 2 * stride + 40, HEADER_SIZE + 2 * stride, HEADER_SIZE + 3, 10]) {
        const { files, path } = await sealedFile()
        truncateSync(path, length)
        await fails(files, path)
      }
      const { files, path, bytes } = await sealedFile(2 * CHUNK)
      writeFileSync(path, Buffer.concat([bytes, randomBytes(TAG_SIZE + 1)]))
      await fails(files, path)
    })

    it('opened with another data key', async () => {
      const { path } = await sealedFile()
      await fails(sealer().files, path)
    })
  })

  it('reads a file written before sealing as it is, and reseals it in place', async () => {
    const { dir, files } = sealer()
    const path = join(dir, 'old')
    const data = Buffer.from('{"access_token":"plain-old-token"}')
    writeFileSync(path, data)
    expect(await files.size(path)).toBe(data.length)
    expect((await readAll(files, path, { start: 2, end: 13 })).toString()).toBe(data.subarray(2, 14).toString())
    expect(await files.isSealed(path)).toBe(false)
    await files.reseal(path)
    expect(await files.isSealed(path)).toBe(true)
    expect(readFileSync(path).includes('plain-old-token')).toBe(false)
    expect((await readAll(files, path)).equals(data)).toBe(true)
  })
})
