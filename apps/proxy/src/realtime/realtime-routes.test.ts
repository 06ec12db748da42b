import { TOKEN_HEADER, type ResponseRecord } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { signIn, TEST_TOKEN } from '../test/build-test-app.js'
import { actor } from '../test/live-server.js'
import { MAX_MESSAGE_BYTES } from './realtime-routes.js'
import {
  connectPage,
  openWebSocket,
  realtimeUrl,
  refusedUpgrade,
  startCourier,
  startEchoServer,
} from '../test/realtime-kit.js'

describe('GET /api/realtime: who may open the page socket', () => {
  it('refuses an upgrade without Origin, or from another page, before any socket opens', async () => {
    const courier = await startCourier()
    const url = realtimeUrl(courier)
    const none = await refusedUpgrade(url, { [TOKEN_HEADER]: TEST_TOKEN })
    expect(none.status).toBe(403)
    expect(JSON.parse(none.body)).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } })
    expect(JSON.parse(none.body).error.message).toMatch(/named none/)
    const foreign = await refusedUpgrade(url, { origin: 'https://evil.example', [TOKEN_HEADER]: TEST_TOKEN })
    expect(foreign.status).toBe(403)
    expect(JSON.parse(foreign.body).error.code).toBe('ORIGIN_NOT_ALLOWED')
  })

  it('refuses a browser without a session, and takes a signed-in page with its CSRF token as hello', async () => {
    const courier = await startCourier()
    const url = realtimeUrl(courier)
    const anonymous = await refusedUpgrade(url, { origin: courier.origin })
    expect(anonymous.status).toBe(401)

    const browser = await signIn(courier.fastify, new URL(courier.origin).host)
    const socket = new WebSocket(url, { headers: { origin: courier.origin, cookie: browser.cookie } })
    const messages: { type: string; error?: { code: string } }[] = []
    socket.on('message', (raw: Buffer) => messages.push(JSON.parse(raw.toString('utf8'))))
    await new Promise((resolve) => socket.once('open', resolve))
    socket.send(JSON.stringify({ type: 'hello', token: browser.csrf }))
    await expect.poll(() => messages.map((m) => m.type)).toEqual(['ready'])
    socket.close()

    const wrong = new WebSocket(url, { headers: { origin: courier.origin, cookie: browser.cookie } })
    const closed = new Promise<number>((resolve) => wrong.once('close', (code) => resolve(code)))
    const refused: { error?: { code: string } }[] = []
    wrong.on('message', (raw: Buffer) => refused.push(JSON.parse(raw.toString('utf8'))))
    await new Promise((resolve) => wrong.once('open', resolve))
    wrong.send(JSON.stringify({ type: 'hello', token: 'not-the-token' }))
    expect(await closed).toBe(4401)
    expect(refused[0]?.error?.code).toBe('REALTIME_HELLO_REQUIRED')
  })

  it('accepts nothing before hello, and answers bad messages with an error, keeping the socket', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const page = await connectPage(courier, { hello: false })
    page.send(openWebSocket('early', echo.url))
    const early = await page.next('error')
    expect(early).toMatchObject({ sessionId: 'early', error: { code: 'REALTIME_HELLO_REQUIRED' } })
    expect(echo.handshakes).toHaveLength(0)

    page.send({ type: 'hello', token: TEST_TOKEN })
    await page.next('ready')
    page.socket.send('not json')
    page.send({ type: 'teleport' })
    page.send({ type: 'send', sessionId: 'nope', format: 'text', data: 'x' })
    page.send({ type: 'open', sessionId: 'plain', input: { request: { method: 'GET', url: echo.url } } })
    page.send(openWebSocket('ftp', 'ftp://127.0.0.1/'))
    await expect.poll(() => page.messages.filter((m) => m.type === 'error').length).toBe(6)
    const codes = page.messages.flatMap((m) => (m.type === 'error' ? [m.error.code] : []))
    expect(codes).toEqual([
      'REALTIME_HELLO_REQUIRED',
      'REALTIME_MESSAGE_INVALID',
      'REALTIME_MESSAGE_INVALID',
      'REALTIME_SESSION_UNKNOWN',
      'REALTIME_MESSAGE_INVALID',
      'URL_SCHEME_UNSUPPORTED',
    ])
    for (const message of page.messages)
      if (message.type === 'error') expect(message.error.message.length).toBeGreaterThan(10)
    expect(page.socket.readyState).toBe(WebSocket.OPEN)
  })

  it('closes a page socket that sends a message past the size limit (1009)', async () => {
    const courier = await startCourier()
    const page = await connectPage(courier)
    const code = new Promise<number>((resolve) => page.socket.once('close', (c) => resolve(c)))
    page.socket.send('x'.repeat(MAX_MESSAGE_BYTES + 1))
    expect(await code).toBe(1009)
  })

  it('limits the sessions one page socket holds', async () => {
    const courier = await startCourier()
    const echo = await startEchoServer()
    const page = await connectPage(courier)
    for (let i = 0; i < 21; i++) page.send(openWebSocket(`s${i}`, echo.url))
    const refused = await page.next('error', (m) => m.error.code === 'REALTIME_TOO_MANY_SESSIONS')
    expect(refused.sessionId).toBe('s20')
    await expect.poll(() => page.messages.filter((m) => m.type === 'opened').length).toBe(20)
  })
})

describe('the destination policy, exactly as for a send', () => {
  it('refuses the metadata address and Courier itself with the sentence /api/send gives', async () => {
    const courier = await startCourier()
    const port = new URL(courier.origin).port
    const page = await connectPage(courier)
    const targets = [
      { ws: 'ws://169.254.169.254/latest/meta-data/', http: 'http://169.254.169.254/latest/meta-data/' },
      { ws: `ws://127.0.0.1:${port}/api/realtime`, http: `http://127.0.0.1:${port}/api/history` },
    ]
    for (const [index, target] of targets.entries()) {
      const sent = await courier.call('POST', '/api/send', { request: { method: 'GET', url: target.http } })
      expect(sent.status).toBe(403)
      const record = sent.json as ResponseRecord
      expect(record.error?.code).toBe('TARGET_FORBIDDEN')

      const sessionId = `blocked-${index}`
      page.send(openWebSocket(sessionId, target.ws))
      const error = await page.next('error', (m) => m.sessionId === sessionId)
      expect(error.error).toEqual({ code: 'TARGET_FORBIDDEN', message: record.error!.message })
      const closed = await page.next('closed', (m) => m.sessionId === sessionId)
      expect(closed.historyId).toBeTruthy()
    }
    // Socket.IO and GraphQL subscriptions connect through the same agent.
    page.send({
      type: 'open',
      sessionId: 'sio',
      input: { request: { method: 'GET', url: 'http://169.254.169.254/', realtime: { kind: 'socketio' } } },
    })
    expect((await page.next('error', (m) => m.sessionId === 'sio')).error.code).toBe('TARGET_FORBIDDEN')
    page.send({
      type: 'open',
      sessionId: 'gql',
      input: {
        request: {
          method: 'POST',
          url: 'http://169.254.169.254/graphql',
          body: { kind: 'graphql', query: 'subscription { tick }' },
          realtime: { kind: 'graphql' },
        },
      },
    })
    expect((await page.next('error', (m) => m.sessionId === 'gql')).error.code).toBe('TARGET_FORBIDDEN')
  })
})

describe('team mode', () => {
  it("scopes sessions to the person the gate found: their history, not another's", async () => {
    const courier = await startCourier({ team: true }, { ann: actor('ann', 'Ann'), carl: actor('carl', 'Carl') })
    const echo = await startEchoServer()
    const page = await connectPage(courier, { user: 'ann' })
    page.send(openWebSocket('mine', echo.url))
    await page.next('opened')
    page.send({ type: 'close', sessionId: 'mine' })
    const closed = await page.next('closed')
    expect((await courier.call('GET', `/api/history/${closed.historyId}`, undefined, 'ann')).status).toBe(200)
    expect((await courier.call('GET', `/api/history/${closed.historyId}`, undefined, 'carl')).status).toBe(404)

    // Another person's CSRF token does not open ann's socket.
    const carlToken = courier.headers('carl')[TOKEN_HEADER]!
    const socket = new WebSocket(realtimeUrl(courier), {
      headers: { origin: courier.origin, cookie: courier.headers('ann').cookie! },
    })
    const code = new Promise<number>((resolve) => socket.once('close', (c) => resolve(c)))
    await new Promise((resolve) => socket.once('open', resolve))
    socket.send(JSON.stringify({ type: 'hello', token: carlToken }))
    expect(await code).toBe(4401)
  })
})
