import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { LOCAL_DESTINATIONS } from '../engine/address-policy.js'
import { DEFAULT_ENGINE_SETTINGS } from '../engine/settings.js'
import { SecretBox } from '../secrets/secret-box.js'
import { openDatabase } from '../storage/database.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream } from '../test/upstream.js'
import type { OAuthContext } from './oauth-context.js'
import { OAuthService } from './oauth-service.js'
import { createOAuthStore } from '../storage/oauth-store.js'

/** A device authorization server written from RFC 8628: answers the token poll from a script. */
async function deviceServer(script: ({ error: string } | 'token')[], interval = 2, expiresIn = 900) {
  const polls: URLSearchParams[] = []
  const server = await startUpstream((request, response) => {
    response.setHeader('content-type', 'application/json')
    const form = new URLSearchParams(request.body.toString())
    if (request.url === '/device') {
      return response.end(
        JSON.stringify({
          device_code: 'dev-code-1',
          user_code: 'WDJB-MJHT',
          verification_uri: 'https://id.example/device',
          verification_uri_complete: 'https://id.example/device?user_code=WDJB-MJHT',
          expires_in: expiresIn,
          interval,
        }),
      )
    }
    polls.push(form)
    const next = script[Math.min(polls.length - 1, script.length - 1)]!
    if (next === 'token')
      return response.end(
        JSON.stringify({ access_token: 'device-access-token-0123456789', token_type: 'Bearer', expires_in: 3600 }),
      )
    response.statusCode = 400
    response.end(JSON.stringify(next))
  })
  return { server, polls }
}

/** The device poll's wait, held until the test lets it pass; it rejects when the poll is cancelled. */
function gatedWait() {
  const pending: { ms: number; signal: AbortSignal; pass: () => void }[] = []
  const wait = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ ms, signal, pass: resolve })
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
    })
  return { pending, wait }
}

async function service(
  overrides: { wait?: (ms: number, signal: AbortSignal) => Promise<void>; now?: () => number } = {},
) {
  const db = await openDatabase({ kind: 'sqlite', path: join(tempDataDir(), 'courier.sqlite') })
  onTestFinished(() => db.destroy())
  const waits: number[] = []
  const oauth = new OAuthService({
    store: createOAuthStore(db),
    secrets: new SecretBox(randomBytes(32)),
    http: async () => ({
      policy: { allowed: LOCAL_DESTINATIONS, selfPorts: new Set() },
      settings: DEFAULT_ENGINE_SETTINGS,
      userAgent: 'Courier/test',
    }),
    defaultRedirectUri: () => 'http://127.0.0.1:1/oauth/callback',
    ownOrigins: () => new Set(),
    resolveConfig: async (config) => config,
    wait: async (ms, signal) => {
      waits.push(ms)
      await new Promise((resolve) => setImmediate(resolve))
      if (signal.aborted) throw new Error('aborted')
    },
    ...overrides,
  })
  onTestFinished(() => oauth.close())
  return { oauth, waits }
}

const config = (server: { url: (path: string) => string }) => ({
  grant: 'device_code' as const,
  clientId: 'tv-app',
  scope: 'read',
  deviceAuthUrl: server.url('/device'),
  tokenUrl: server.url('/token'),
})

describe('device code (RFC 8628)', () => {
  it('shows the user code, polls at the interval, slows down by 5 s when asked, and stores the token', async () => {
    const { server, polls } = await deviceServer([
      { error: 'authorization_pending' },
      { error: 'slow_down' },
      { error: 'authorization_pending' },
      'token',
    ])
    const { oauth, waits } = await service()
    const { view } = await oauth.start({ config: config(server) })
    expect(view.status).toBe('polling')
    expect(view.device).toMatchObject({
      userCode: 'WDJB-MJHT',
      verificationUri: 'https://id.example/device',
      verificationUriComplete: 'https://id.example/device?user_code=WDJB-MJHT',
      intervalSeconds: 2,
    })
    expect(JSON.stringify(view)).not.toContain('dev-code-1')

    await vi.waitFor(async () => expect((await oauth.get(view.id)).status).toBe('completed'))
    expect(waits).toEqual([2000, 2000, 7000, 7000])
    expect(polls.map((form) => [form.get('grant_type'), form.get('device_code'), form.get('client_id')])).toEqual(
      Array(4).fill(['urn:ietf:params:oauth:grant-type:device_code', 'dev-code-1', 'tv-app']),
    )
    expect((await oauth.token(null, 'default'))!.accessToken).toBe('device-a…6789')
  })

  it('ends on access_denied and on expired_token, storing nothing', async () => {
    for (const [error, code] of [
      ['access_denied', 'OAUTH_PROVIDER_ERROR'],
      ['expired_token', 'OAUTH_STATE_EXPIRED'],
    ] as const) {
      const { server } = await deviceServer([{ error: 'authorization_pending' }, { error }])
      const { oauth } = await service()
      const { view } = await oauth.start({ config: config(server) })
      await vi.waitFor(async () => expect((await oauth.get(view.id)).status).toBe('failed'))
      expect((await oauth.get(view.id)).error).toMatchObject({ code, step: 'device-poll' })
      expect(await oauth.token(null, 'default')).toBeNull()
    }
  })

  it('stops polling when cancelled', async () => {
    const { server, polls } = await deviceServer([{ error: 'authorization_pending' }])
    const gate = gatedWait()
    const { oauth } = await service({ wait: gate.wait })
    const { view } = await oauth.start({ config: config(server) })
    await vi.waitFor(() => expect(gate.pending).toHaveLength(1))
    gate.pending[0]!.pass()
    await vi.waitFor(() => expect(gate.pending).toHaveLength(2)) // one poll answered, waiting for the next
    expect(polls).toHaveLength(1)

    expect((await oauth.cancel(view.id)).status).toBe('cancelled')
    expect(gate.pending[1]!.signal.aborted).toBe(true)
    gate.pending[1]!.pass() // even a wait that ended anyway must not lead to another poll
    const pollers = (oauth as unknown as { context: OAuthContext }).context.pollers
    await vi.waitFor(() => expect(pollers.has(view.id)).toBe(false)) // the poll loop has returned
    expect(polls).toHaveLength(1)
    expect(gate.pending).toHaveLength(2)
    expect((await oauth.get(view.id)).status).toBe('cancelled')
  })

  it('ends when the code expires, on the clock the service is given', async () => {
    const { server, polls } = await deviceServer([{ error: 'authorization_pending' }], 2, 5)
    let now = Date.parse('2031-01-01T00:00:00Z')
    const { oauth } = await service({
      now: () => now,
      wait: async (ms) => {
        now += ms
      },
    })
    const { view } = await oauth.start({ config: config(server) })
    expect(view.device!.expiresAt).toBe('2031-01-01T00:00:05.000Z')
    await vi.waitFor(async () => expect((await oauth.get(view.id)).status).toBe('failed'))
    const failed = await oauth.get(view.id)
    expect(failed.error).toMatchObject({ code: 'OAUTH_STATE_EXPIRED', step: 'device-poll' })
    expect(failed.error!.message).toMatch(/the code WDJB-MJHT expired/)
    expect(polls).toHaveLength(2) // at 2 s and 4 s; at 6 s the code had expired
  })

  it('names the step when the device endpoint is missing', async () => {
    const { oauth } = await service()
    await expect(
      oauth.start({ config: { grant: 'device_code', clientId: 'a', tokenUrl: 'http://127.0.0.1:9/token' } }),
    ).rejects.toMatchObject({
      code: 'OAUTH_CONFIG_INVALID',
      field: 'config.deviceAuthUrl',
      message: expect.stringMatching(/^Device authorization: enter the device authorization URL/),
    })
  })
})
