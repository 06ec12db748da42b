import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { send } from '../test/send-kit.js'

const tlsDir = new URL('../test/tls/', import.meta.url)
const tlsFile = (name: string) => readFileSync(new URL(name, tlsDir), 'utf8')

describe('TLS', () => {
  async function startTls() {
    const server = createHttpsServer(
      { key: tlsFile('server.key'), cert: tlsFile('server.pem') },
      (_request, response) => response.end('secure'),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
    return (server.address() as AddressInfo).port
  }

  it('refuses an untrusted certificate, naming the reason', async () => {
    const port = await startTls()
    const record = await send({ method: 'GET', url: `https://localhost:${port}/` })
    expect(record.error).toMatchObject({ code: 'TLS_CERT_INVALID', phase: 'tls' })
    expect(record.error?.message).toMatch(/unknown authority/)
  })

  it('measures the TLS phase against a trusted certificate', async () => {
    const port = await startTls()
    const record = await send({ method: 'GET', url: `https://localhost:${port}/` }, { extraCa: [tlsFile('ca.pem')] })
    expect(record.status).toBe(200)
    expect(record.timing.tls).toBeGreaterThan(0)
    expect(record.insecure).toBe(false)
  })

  it('sends anyway with verification off, and records that', async () => {
    const port = await startTls()
    const record = await send({ method: 'GET', url: `https://127.0.0.1:${port}/`, settings: { verifyTls: false } })
    expect(record.body?.inline).toBe('secure')
    expect(record.insecure).toBe(true)
  })
})
