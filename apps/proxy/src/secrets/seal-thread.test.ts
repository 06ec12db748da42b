import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/build-test-app.js'
import { SecretBox } from './secret-box.js'
import { SealedFiles } from './sealed-file.js'
import { SealThread, type SealJob, type Sealed } from './seal-thread.js'
import { BATCH_CHUNKS, createSealedWriter } from './sealed-writer.js'

const SHIFT = 10
const CHUNK = 2 ** SHIFT
const BATCH = BATCH_CHUNKS * CHUNK

/**
 * A real sealing thread, terminated as soon as it is handed the first batch of a file (a crash
 * mid-file): it is still starting then, so it never answers that batch.
 */
class DyingThread extends SealThread {
  private calls = 0
  override seal(job: SealJob): Promise<Sealed> {
    const sealed = super.seal(job)
    if (++this.calls === 1) void this.stop()
    return sealed
  }
}

/** A real sealing thread that gets no job until released (a thread busy with other files, or not scheduled). */
class HeldThread extends SealThread {
  calls = 0
  private opened!: () => void
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve))
  release() {
    this.opened()
  }
  override seal(job: SealJob): Promise<Sealed> {
    this.calls++
    return this.gate.then(() => super.seal(job))
  }
}

function keys(dir: string) {
  const box = SecretBox.open(dir)
  return (salt: Buffer, info: string, length: number) => box.deriveKey(salt, info, length)
}

const leftovers = (dir: string) => readdirSync(dir).filter((name) => name !== 'secret.key')

describe('the sealing thread', () => {
  it('dying mid-file fails the write with a sentence and leaves no file', async () => {
    const dir = tempDataDir()
    const thread = new DyingThread()
    const writer = createSealedWriter(keys(dir), SHIFT, join(dir, 'body'), 'response body', thread)
    const failed = (async () => {
      for (let batch = 0; batch < 50; batch++) await writer.write(randomBytes(BATCH))
      await writer.end()
    })()
    await expect(failed).rejects.toMatchObject({
      code: 'INTERNAL',
      message:
        "Courier's sealing thread stopped while the response body was being written, so nothing was kept; send or upload it again.",
    })
    await writer.abort()
    expect(leftovers(dir)).toEqual([])

    // The next file gets a new thread.
    const data = randomBytes(3 * BATCH + 5)
    const again = createSealedWriter(keys(dir), SHIFT, join(dir, 'again'), 'response body', thread)
    await again.write(data)
    await again.end()
    const files = new SealedFiles(keys(dir), 'response body', SHIFT)
    const opened = await files.openRead(join(dir, 'again'))
    const parts: Buffer[] = []
    for await (const part of opened!.stream) parts.push(part as Buffer)
    expect(Buffer.concat(parts).equals(data)).toBe(true)
    expect(leftovers(dir)).toEqual(['again'])
  })

  it('seals batches on the main thread while the thread is behind, and the file is the same', async () => {
    const dir = tempDataDir()
    const thread = new HeldThread()
    const data = randomBytes(10 * BATCH + 100)
    const writer = createSealedWriter(keys(dir), SHIFT, join(dir, 'mixed'), 'response body', thread)
    for (let offset = 0; offset < data.length; offset += 3000) await writer.write(data.subarray(offset, offset + 3000))
    // Two batches wait at the thread; the other eight were sealed here without waiting for it.
    expect(thread.calls).toBe(2)
    const ended = writer.end()
    thread.release()
    await ended
    const files = new SealedFiles(keys(dir), 'response body', SHIFT)
    const opened = await files.openRead(join(dir, 'mixed'))
    const parts: Buffer[] = []
    for await (const part of opened!.stream) parts.push(part as Buffer)
    expect(Buffer.concat(parts).equals(data)).toBe(true)
    await thread.stop()
  })

  it('ending while batches are still being sealed waits for them; aborting then leaves nothing', async () => {
    const dir = tempDataDir()
    const files = new SealedFiles(keys(dir), 'uploaded file', SHIFT)
    const data = randomBytes(20 * BATCH + 3)
    const writer = files.createWriter(join(dir, 'whole'))
    // Not awaited one by one: the writer keeps them in order and bounded.
    const writes = [writer.write(data.subarray(0, 7 * BATCH + 1)), writer.write(data.subarray(7 * BATCH + 1))]
    await Promise.all([...writes, writer.end()])
    const opened = await files.openRead(join(dir, 'whole'))
    const parts: Buffer[] = []
    for await (const part of opened!.stream) parts.push(part as Buffer)
    expect(Buffer.concat(parts).equals(data)).toBe(true)

    const cut = files.createWriter(join(dir, 'cut'))
    void cut.write(randomBytes(9 * BATCH))
    await cut.abort()
    expect(leftovers(dir)).toEqual(['whole'])
  })

  it('keeps a process alive while it seals, and lets it exit once idle', async () => {
    // A separate Node process writes a file and then has nothing left to do: it must neither
    // exit before the file is in place (the thread's work pending) nor hang (the idle thread).
    const dir = tempDataDir()
    const script = join(dir, 'write.ts')
    const sealedFile = fileURLToPath(new URL('./sealed-file.ts', import.meta.url))
    const secretBox = fileURLToPath(new URL('./secret-box.ts', import.meta.url))
    writeFileSync(
      script,
      [
        `import { Readable } from 'node:stream'`,
        `import { SealedFiles } from ${JSON.stringify(sealedFile)}`,
        `import { SecretBox } from ${JSON.stringify(secretBox)}`,
        `const box = SecretBox.open(${JSON.stringify(dir)})`,
        `const files = new SealedFiles((s, i, l) => box.deriveKey(s, i, l), 'uploaded file')`,
        `const data = Buffer.alloc(5 * 1024 * 1024 + 7, 'x')`,
        `void files.writeFrom(Readable.from([data]), ${JSON.stringify(join(dir, 'out'))})`,
      ].join('\n'),
    )
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url))
    await promisify(execFile)(process.execPath, ['--import', tsx, script], { timeout: 15_000 })
    const files = new SealedFiles(keys(dir), 'uploaded file')
    expect(await files.size(join(dir, 'out'))).toBe(5 * 1024 * 1024 + 7)
    expect(readFileSync(join(dir, 'out')).includes('xxxxxxxxxxxxxxxx')).toBe(false)
    expect(leftovers(dir)).toEqual(['out', 'write.ts'])
  })
})
