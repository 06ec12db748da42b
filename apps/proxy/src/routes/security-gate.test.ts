import { connect, type AddressInfo } from 'node:net'
import { TOKEN_HEADER } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PORT, TEST_TOKEN } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

const host = `127.0.0.1:${TEST_PORT}`
const sendBody = (url: string) => JSON.stringify({ request: { method: 'GET', url } })

describe('who may drive Courier', () => {
  it('refuses a foreign Host (DNS rebinding), even for the page itself', async () => {
    const app = await buildTestApp()
    const page = await app.inject({ method: 'GET', url: '/', headers: { host: 'evil.example:3999' } })
    expect(page.statusCode).toBe(403)
    expect(page.json()).toMatchObject({ error: { code: 'HOST_NOT_ALLOWED' } })
  })

  it('refuses another page (Origin), even one holding the token, and sends nothing upstream', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((_request, response) => response.end())
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:8080']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/send',
        headers: { host, origin, 'content-type': 'application/json', [TOKEN_HEADER]: TEST_TOKEN },
        payload: sendBody(upstream.url('/')),
      })
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('ORIGIN_NOT_ALLOWED')
      expect(response.headers['access-control-allow-origin']).toBeUndefined()
    }
    expect(upstream.received).toHaveLength(0)
  })

  it('requires a credential, whatever the client looks like', async () => {
    const app = await buildTestApp()
    const response = await app.inject({ method: 'GET', url: '/api/history', headers: { host, 'user-agent': 'curl/8' } })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('UNAUTHORIZED')
    const wrong = await app.inject({ method: 'GET', url: '/api/history', headers: { host, [TOKEN_HEADER]: 'guess' } })
    expect(wrong.statusCode).toBe(401)
  })

  it('slows down a token guesser', async () => {
    const app = await buildTestApp()
    let last = 0
    for (let i = 0; i < 40; i++) {
      last = (await app.inject({ method: 'GET', url: '/api/history', headers: { host, [TOKEN_HEADER]: `guess-${i}` } }))
        .statusCode
    }
    expect(last).toBe(429)
    const owner = await app.api({ method: 'GET', url: '/api/history' })
    expect(owner.statusCode).toBe(200)
  })

  it('routes an absolute-form request line, and refuses one naming another authority', async () => {
    const app = await buildTestApp()
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as AddressInfo).port
    const raw = (target: string) =>
      new Promise<string>((resolve, reject) => {
        let answer = ''
        const socket = connect(port, '127.0.0.1')
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
        socket.on('error', reject)
        socket.on('close', () => resolve(answer))
        socket.end(
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${TOKEN_HEADER}: ${TEST_TOKEN}\r\nConnection: close\r\n\r\n`,
        )
      })
    expect(await raw(`http://127.0.0.1:${port}/api/history`)).toMatch(/^HTTP\/1\.1 200 /)
    const foreign = await raw('http://evil.example/api/history')
    expect(foreign).toMatch(/^HTTP\/1\.1 403 /)
    expect(foreign).toContain('HOST_NOT_ALLOWED')
  })

  it('refuses state changes that a plain HTML form could send (text/plain, form-encoded)', async () => {
    const app = await buildTestApp()
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await app.api({
        method: 'POST',
        url: '/api/send',
        headers: { 'content-type': type },
        payload: sendBody('http://127.0.0.1:1/'),
      })
      expect(response.statusCode).toBe(415)
      expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    }
  })

  it('serves the page with no framing', async () => {
    const app = await buildTestApp()
    const page = await app.inject({ method: 'GET', url: '/', headers: { host } })
    expect(page.statusCode).toBe(200)
    expect(page.headers['x-frame-options']).toBe('DENY')
  })
})
