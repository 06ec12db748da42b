// The worker thread behind seal-thread.ts: seals a run of chunks per message with AES-256-GCM,
// so the cipher never runs on the main thread. It knows nothing of the file format (the main
// thread derives the key, the nonces and the AAD in sealed-format.ts) and writes nothing: the
// plain buffer and the ciphertexts move back by transfer and the main thread writes them (dead
// ciphertext is freed there by its frequent collections; left in this quiet thread, it would
// pile up to V8's external memory limit first). Plain JavaScript, so the same file runs from the
// sources (tests) and beside the bundle (dist/, copied there by build.mjs).
import { createCipheriv } from 'node:crypto'
import { parentPort } from 'node:worker_threads'

parentPort.on('message', (job) => {
  try {
    const texts = []
    const tags = []
    job.ivs.forEach((iv, i) => {
      const cipher = createCipheriv('aes-256-gcm', job.key, iv)
      cipher.setAAD(job.aad)
      const text = cipher.update(new Uint8Array(job.plain, i * job.chunkSize, job.chunkSize))
      cipher.final()
      texts.push(text)
      tags.push(cipher.getAuthTag())
    })
    const buffers = texts.map((text) => text.buffer)
    const spans = texts.map((text) => [text.byteOffset, text.length])
    parentPort.postMessage({ id: job.id, plain: job.plain, buffers, spans, tags }, [job.plain, ...buffers])
  } catch (error) {
    parentPort.postMessage({ id: job.id, plain: job.plain, error: String(error?.message ?? error) }, [job.plain])
  }
})
