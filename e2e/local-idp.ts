import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OAuth2Server } from 'oauth2-mock-server'

type DeviceSession = {
  userCode: string
  scope: string
  status: 'pending' | 'approved' | 'denied' | 'issued'
  polls: number[]
  slowedDown: boolean
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.statusCode = status
  response.setHeader('content-type', 'application/json')
  response.setHeader('cache-control', 'no-store')
  response.end(JSON.stringify(body))
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * A real local identity provider for the e2e specs: oauth2-mock-server 8.2.3 (authorize, token,
 * JWKS, discovery, on 127.0.0.1 with a random port) plus an RFC 8628 device authorization server
 * beside it — oauth2-mock-server has no device grant — that mints its tokens with the same
 * issuer keys, so Courier verifies them against the same JWKS.
 */
export class LocalIdp {
  readonly mock = new OAuth2Server()
  issuer = ''
  private device: Server | null = null
  private deviceBase = ''
  readonly sessions = new Map<string, DeviceSession>()

  async start(): Promise<void> {
    await this.mock.issuer.keys.generate('RS256')
    await this.mock.start(0, '127.0.0.1')
    this.issuer = `http://127.0.0.1:${this.mock.address().port}`
    this.mock.issuer.url = this.issuer
    this.device = createServer((request, response) => void this.handleDevice(request, response))
    await new Promise<void>((resolve) => this.device!.listen(0, '127.0.0.1', resolve))
    this.deviceBase = `http://127.0.0.1:${(this.device.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.mock.service.removeAllListeners()
    await this.mock.stop()
    this.device?.closeAllConnections()
    await new Promise<void>((resolve) => (this.device ? this.device.close(() => resolve()) : resolve()))
  }

  get deviceAuthorizationUrl(): string {
    return `${this.deviceBase}/device_authorization`
  }

  get deviceTokenUrl(): string {
    return `${this.deviceBase}/token`
  }

  /** The session a user code belongs to (the e2e spec checks the poll rhythm on it). */
  sessionOf(userCode: string): DeviceSession | undefined {
    return [...this.sessions.values()].find((session) => session.userCode === userCode)
  }

  private async handleDevice(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', this.deviceBase)
    const form = new URLSearchParams(await readBody(request))
    if (request.method === 'POST' && url.pathname === '/device_authorization') {
      const deviceCode = randomBytes(24).toString('base64url')
      const raw = randomBytes(4).toString('hex').toUpperCase()
      const userCode = `${raw.slice(0, 4)}-${raw.slice(4)}`
      this.sessions.set(deviceCode, {
        userCode,
        scope: form.get('scope') ?? '',
        status: 'pending',
        polls: [],
        slowedDown: false,
      })
      return json(response, 200, {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: `${this.deviceBase}/activate`,
        verification_uri_complete: `${this.deviceBase}/activate?user_code=${userCode}`,
        expires_in: 300,
        interval: 1,
      })
    }
    if (url.pathname === '/activate') {
      response.setHeader('content-type', 'text/html; charset=utf-8')
      if (request.method === 'POST') {
        const session = this.sessionOf((form.get('user_code') ?? '').trim().toUpperCase())
        if (!session) return response.end('<!doctype html><title>Unknown code</title><h1>That code is not known.</h1>')
        session.status = form.get('decision') === 'deny' ? 'denied' : 'approved'
        return response.end(
          `<!doctype html><title>Done</title><h1>Device ${session.status}</h1><p>You can return to your device.</p>`,
        )
      }
      const prefilled = escapeHtml(url.searchParams.get('user_code') ?? '')
      return response.end(`<!doctype html><title>Activate a device</title><h1>Activate a device</h1>
<form method="post"><label>Code <input name="user_code" value="${prefilled}"></label>
<button name="decision" value="approve">Approve</button> <button name="decision" value="deny">Deny</button></form>`)
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:device_code')
        return json(response, 400, { error: 'unsupported_grant_type' })
      const session = this.sessions.get(form.get('device_code') ?? '')
      if (!session) return json(response, 400, { error: 'invalid_grant', error_description: 'Unknown device code.' })
      session.polls.push(Date.now())
      if (session.status === 'denied') return json(response, 400, { error: 'access_denied' })
      if (session.status === 'issued')
        return json(response, 400, { error: 'invalid_grant', error_description: 'The device code was already used.' })
      // A fixed rhythm, however fast the person approves: the first poll is pending, the second is
      // told to slow down (RFC 8628 §3.5: every later poll waits 5 s more), then the real answer.
      if (session.polls.length === 1) return json(response, 400, { error: 'authorization_pending' })
      if (session.polls.length === 2 && !session.slowedDown) {
        session.slowedDown = true
        return json(response, 400, { error: 'slow_down' })
      }
      if (session.status === 'pending') return json(response, 400, { error: 'authorization_pending' })
      const accessToken = await this.mock.issuer.buildToken({
        scopesOrTransform: (_header, payload) =>
          Object.assign(payload, { sub: 'tv-user', scope: session.scope, client_id: form.get('client_id') }),
        expiresIn: 3600,
      })
      session.status = 'issued'
      return json(response, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
        scope: session.scope,
      })
    }
    json(response, 404, { error: 'not_found' })
  }
}

/** A Digest-protected API (RFC 7616: SHA-256 and MD5 offered, qop=auth) that records what it got. */
export class DigestTarget {
  private server: Server | null = null
  private readonly nonces = new Set<string>()
  readonly received: { url: string; authorization: string | undefined }[] = []
  port = 0

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.received.push({ url: request.url ?? '', authorization: request.headers.authorization })
      const match = /^\/digest\/([^/]+)\/([^/?]+)/.exec(request.url ?? '')
      const [user, password] = match ? [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)] : ['', '']
      const realm = 'courier-e2e'
      const header = request.headers.authorization ?? ''
      const params: Record<string, string> = {}
      for (const m of header.slice(7).matchAll(/([a-z]+)=(?:"([^"]*)"|([^,\s]+))/g)) params[m[1]!] = m[2] ?? m[3]!
      const algorithm = params.algorithm === 'SHA-256' ? 'sha256' : 'md5'
      const H = (text: string) => createHash(algorithm).update(text).digest('hex')
      const expected = H(
        `${H(`${user}:${realm}:${password}`)}:${params.nonce}:${params.nc}:${params.cnonce}:${params.qop}:${H(`${request.method}:${params.uri}`)}`,
      )
      if (
        header.startsWith('Digest ') &&
        this.nonces.has(params.nonce ?? '') &&
        params.username === user &&
        params.uri === request.url &&
        params.response === expected
      ) {
        return json(response, 200, { authenticated: true, user, algorithm: params.algorithm })
      }
      const nonce = randomBytes(16).toString('hex')
      this.nonces.add(nonce)
      response.statusCode = 401
      response.setHeader('www-authenticate', [
        `Digest realm="${realm}", qop="auth", algorithm=SHA-256, nonce="${nonce}", opaque="e2e"`,
        `Digest realm="${realm}", qop="auth", algorithm=MD5, nonce="${nonce}", opaque="e2e"`,
      ])
      response.end('Digest credentials required')
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
