import { randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { loadConfig, TEAM_NEEDS_KEY, TEAM_NEEDS_POSTGRES, TEAM_WEAK_KEY } from '../config.js'
import { startServer } from '../server.js'
import { buildTestApp, TEST_PORT, testConfig } from '../test/build-test-app.js'

const key = () => randomBytes(32).toString('base64')
const pg = 'postgres://courier:secret@db.internal:5432/courier'

describe('courier serve --team: what it needs before it starts', () => {
  it('refuses SQLite with a sentence that says why and what to set', () => {
    expect(() => loadConfig({ team: true }, { COURIER_SECRET_KEY: key() })).toThrow(TEAM_NEEDS_POSTGRES)
    expect(() => loadConfig({ team: true }, { DATABASE_URL: 'sqlite:./x.db', COURIER_SECRET_KEY: key() })).toThrow(
      TEAM_NEEDS_POSTGRES,
    )
    expect(TEAM_NEEDS_POSTGRES).toContain('DATABASE_URL=postgres://')
  })

  it('refuses to start a team server whose configuration still points at a SQLite file', async () => {
    await expect(startServer(testConfig({ team: true, port: 0 }))).rejects.toThrow(TEAM_NEEDS_POSTGRES)
  })

  it('needs a strong shared COURIER_SECRET_KEY: absent, short, or a pattern is refused', () => {
    expect(() => loadConfig({ team: true }, { DATABASE_URL: pg })).toThrow(TEAM_NEEDS_KEY)
    for (const weak of [
      randomBytes(16).toString('base64'),
      Buffer.alloc(32, 0).toString('base64'),
      Buffer.from('abcd'.repeat(8)).toString('base64'),
      'correct horse battery staple is long enough',
    ])
      expect(() => loadConfig({ team: true }, { DATABASE_URL: pg, COURIER_SECRET_KEY: weak })).toThrow(TEAM_WEAK_KEY)
  })

  it('derives Secure cookies from an https public URL and trusts X-Forwarded-* only when told', () => {
    const env = { DATABASE_URL: pg, COURIER_SECRET_KEY: key() }
    const config = loadConfig({ team: true, publicUrl: 'https://courier.example.com/' }, env)
    expect(config).toMatchObject({
      team: true,
      publicUrl: 'https://courier.example.com',
      secureCookies: true,
      trustProxy: false,
    })
    expect(loadConfig({ team: true, publicUrl: 'http://10.0.0.5:3210' }, env).secureCookies).toBe(false)
    expect(loadConfig({ team: true, trustProxy: true }, env).trustProxy).toBe(true)
    expect(
      loadConfig({ team: true, trustProxy: true }, { ...env, COURIER_TRUST_PROXY: '10.0.0.2, 10.0.0.3' }).trustProxy,
    ).toEqual(['10.0.0.2', '10.0.0.3'])
    expect(() => loadConfig({ team: true, publicUrl: 'https://courier.example.com/app' }, env)).toThrow(
      /without a path/,
    )
    expect(() => loadConfig({ team: true, publicUrl: 'courier.example.com' }, env)).toThrow(/not a URL/)
  })

  it('leaves single-user mode as it was: no team settings, loopback only', async () => {
    const config = loadConfig({}, {})
    expect(config.team).toBeUndefined()
    expect(config.database.kind).toBe('sqlite')
    await expect(startServer(testConfig({ host: '0.0.0.0', port: 0 }))).rejects.toThrow(
      /refuses to listen on 0\.0\.0\.0/,
    )
    const app = await buildTestApp()
    const me = await (await app.signIn()).page({ method: 'GET', url: '/api/me' })
    expect(me.json()).toEqual({
      team: false,
      actor: { userId: 'local', email: null, name: 'You', via: 'local' },
      workspaces: [expect.objectContaining({ id: 'local', kind: 'personal', role: 'owner' })],
    })
  })

  it('logs the forwarded client address only with --trust-proxy', async () => {
    const seen = async (trustProxy: boolean) => {
      const logStream = new PassThrough()
      const lines: string[] = []
      logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)))
      const app = await buildTestApp({ trustProxy, logStream })
      await app.inject({
        method: 'GET',
        url: '/api/info',
        headers: { host: `127.0.0.1:${TEST_PORT}`, 'x-forwarded-for': '203.0.113.9' },
      })
      const incoming = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'incoming request')
      return incoming?.req?.remoteAddress
    }
    expect(await seen(true)).toBe('203.0.113.9')
    expect(await seen(false)).toBe('127.0.0.1')
  })
})
