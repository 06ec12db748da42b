import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'

const MB = 1024 * 1024

/** 1 MB of a repeating, non-compressible-looking pattern, so every byte position is checkable. */
export const CHUNK = Buffer.from(Array.from({ length: MB }, (_, i) => (i * 131 + (i >> 10)) & 0xff))

export function expectedHash(size: number): string {
  const hash = createHash('sha256')
  for (let sent = 0; sent < size; sent += MB) hash.update(CHUNK.subarray(0, Math.min(MB, size - sent)))
  return hash.digest('hex')
}

/** An upstream that generates `size` bytes as it writes them, honouring backpressure. */
export async function startGenerator(size: number) {
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'application/octet-stream')
    response.setHeader('Content-Length', String(size))
    let sent = 0
    const pump = () => {
      while (sent < size) {
        const piece = CHUNK.subarray(0, Math.min(MB, size - sent))
        sent += piece.length
        if (!response.write(piece)) return void response.once('drain', pump)
      }
      response.end()
    }
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.bin`
}
