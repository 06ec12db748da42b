import { randomBytes } from 'node:crypto'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { TOKEN_HEADER } from '@courier/shared'
import { fetch } from 'undici'
import { describe, expect, it, onTestFinished } from 'vitest'
import { loadConfig } from '../config.js'
import { startServer } from '../server.js'
import { tempDataDir, testConfig, TEST_TOKEN } from '../test/build-test-app.js'

function listenOn(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(null))
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

/** A port P that is free with P + 1 free too (checked by listening on both, then letting go). */
async function freePair(): Promise<number> {
  for (;;) {
    const first = (await listenOn(0))!
    const port = (first.address() as AddressInfo).port
    const second = port < 65535 ? await listenOn(port + 1) : null
    await closeServer(first)
    if (second) {
      await closeServer(second)
      return port
    }
  }
}

async function serve(overrides: Parameters<typeof testConfig>[0]) {
  const server = await startServer(testConfig({ dataDir: tempDataDir(), ...overrides }))
  onTestFinished(() => server.close())
  return server
}
const info = async (url: string) =>
  (await (await fetch(`${url}api/info`, { headers: { [TOKEN_HEADER]: TEST_TOKEN } })).json()) as {
    mockOrigin: string | null
  }

describe('courier serve opens the mock listener beside Courier', () => {
  it("on Courier's port + 1 by default", async () => {
    const port = await freePair()
    const server = await serve({ port, mocks: { off: false } })
    expect(server.mockUrl).toBe(`http://127.0.0.1:${port + 1}`)
    expect((await info(server.url)).mockOrigin).toBe(server.mockUrl)
    const answer = await fetch(`${server.mockUrl}/mocks/nope/x`)
    expect(answer.status).toBe(404)
    expect(await answer.json()).toMatchObject({ code: 'MOCK_UNKNOWN' })
  })

  it('on any free port when the default one is taken', async () => {
    const port = await freePair()
    const squatter = (await listenOn(port + 1))!
    onTestFinished(() => closeServer(squatter))
    const server = await serve({ port, mocks: { off: false } })
    expect(server.mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.mockUrl).not.toBe(`http://127.0.0.1:${port + 1}`)
    expect(server.mockUrl).not.toBe(server.url.replace(/\/$/, ''))
  })

  it('on the port asked for (0: any), failing with a sentence when that one is taken', async () => {
    const server = await serve({ port: 0, mocks: { off: false, port: 0 } })
    expect(server.mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const squatter = (await listenOn(0))!
    onTestFinished(() => closeServer(squatter))
    const taken = (squatter.address() as AddressInfo).port
    await expect(
      startServer(testConfig({ dataDir: tempDataDir(), port: 0, mocks: { off: false, port: taken } })),
    ).rejects.toThrow(/The mock servers' port could not be opened: .*EADDRINUSE.*--mock-port, or --no-mocks\./)
  })

  it('not at all with --no-mocks', async () => {
    const server = await serve({ port: 0, mocks: { off: true } })
    expect(server.mockUrl).toBeNull()
    expect((await info(server.url)).mockOrigin).toBeNull()
  })
})

describe('the mock flags and variables', () => {
  const key = randomBytes(32).toString('base64')
  const team = { DATABASE_URL: 'postgres://courier:secret@db.internal:5432/courier', COURIER_SECRET_KEY: key }

  it('reads --mock-port, COURIER_MOCK_PORT and --no-mocks', () => {
    expect(loadConfig({}, {}).mocks).toEqual({ off: false })
    expect(loadConfig({ mockPort: 4000 }, { COURIER_MOCK_PORT: '5000' }).mocks).toEqual({ off: false, port: 4000 })
    expect(loadConfig({}, { COURIER_MOCK_PORT: '0' }).mocks).toEqual({ off: false, port: 0 })
    expect(loadConfig({ noMocks: true }, {}).mocks).toEqual({ off: true })
    expect(() => loadConfig({}, { COURIER_MOCK_PORT: 'many' })).toThrow(/COURIER_MOCK_PORT/)
  })

  it('takes --mock-public-url (COURIER_MOCK_PUBLIC_URL) on a team server only, and never as Courier’s own origin', () => {
    expect(loadConfig({ team: true, mockPublicUrl: 'https://mocks.example.com/' }, team).mocks).toEqual({
      off: false,
      publicUrl: 'https://mocks.example.com',
    })
    expect(
      loadConfig({ team: true }, { ...team, COURIER_MOCK_PUBLIC_URL: 'https://m.example.com' }).mocks?.publicUrl,
    ).toBe('https://m.example.com')
    expect(() => loadConfig({ mockPublicUrl: 'https://mocks.example.com' }, {})).toThrow(/for a team server/)
    expect(() =>
      loadConfig(
        { team: true, publicUrl: 'https://courier.example.com', mockPublicUrl: 'https://courier.example.com/' },
        team,
      ),
    ).toThrow(/another origin than Courier's own/)
    expect(() => loadConfig({ team: true, mockPublicUrl: 'https://mocks.example.com/x' }, team)).toThrow(
      /--mock-public-url must be an http/,
    )
  })
})
