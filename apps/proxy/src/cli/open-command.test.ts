import { statSync } from 'node:fs'
import { join } from 'node:path'
import { request } from 'undici'
import { describe, expect, it, vi } from 'vitest'
import { writeServerFile } from '../storage/server-file.js'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { openCommand } from './open-command.js'

async function captured(work: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    const code = await work()
    return {
      code,
      out: stdout.mock.calls.map((c) => String(c[0])).join(''),
      err: stderr.mock.calls.map((c) => String(c[0])).join(''),
    }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
  }
}

describe('courier open', () => {
  it('prints a fresh link for the running server that signs a browser in once only', async () => {
    const dataDir = tempDataDir()
    const app = await buildTestApp({ dataDir })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as { port: number }).port
    writeServerFile(dataDir, `http://127.0.0.1:${port}/`)
    expect(statSync(join(dataDir, 'server.json')).mode & 0o777).toBe(0o600)

    const { code, out } = await captured(() => openCommand({ dataDir }))
    expect(code).toBe(0)
    const link = out.trim()
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/login\\?token=[A-Za-z0-9_-]{43}$`))

    const first = await request(link)
    expect(first.statusCode).toBe(200)
    const cookie = String(first.headers['set-cookie']).split(';')[0]!
    await first.body.dump()
    const history = await request(`http://127.0.0.1:${port}/api/history`, { headers: { cookie } })
    expect(history.statusCode).toBe(200)
    await history.body.dump()

    const second = await request(link)
    expect(second.statusCode).toBe(401)
    expect(second.headers['set-cookie']).toBeUndefined()
    expect(await second.body.text()).toContain('courier open')
  })

  it('says that a team server is signed in to with a password, and prints no link for it', async () => {
    const dataDir = tempDataDir()
    writeServerFile(dataDir, 'http://127.0.0.1:4321/', true)
    const { code, out, err } = await captured(() => openCommand({ dataDir }))
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toContain('is a team server; people sign in there with their email and password')
    expect(err).toContain('courier users add EMAIL')
  })

  it('says how to start a server when none runs on the data folder', async () => {
    const { code, err } = await captured(() => openCommand({ dataDir: tempDataDir() }))
    expect(code).toBe(1)
    expect(err).toContain('start one with `courier serve`')
  })
})
