import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { request } from 'undici'
import { describe, expect, it, vi } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { NO_POSTGRES_TITLE, privateSchemaUrl, TEAM_DATABASE_URL } from '../test/team-kit.js'
import { startUpstream } from '../test/upstream.js'
import { runRemote } from './remote-run.js'
import { runCommand } from './run-command.js'
import { teamCommand } from './team-commands.js'

const run = promisify(execFile)
const packageDir = join(import.meta.dirname, '../..')

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

describe.runIf(TEAM_DATABASE_URL)(
  TEAM_DATABASE_URL ? 'courier users, tokens and remote run (PostgreSQL)' : NO_POSTGRES_TITLE,
  () => {
    it('adds a person, makes them a token, and runs their collection on the team server through a real port', async () => {
      const url = await privateSchemaUrl()
      const key = randomBytes(32).toString('base64')
      const app = await buildTestApp({ team: true, database: { kind: 'postgres', url } })
      await app.listen({ host: '127.0.0.1', port: 0 })
      const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
      vi.stubEnv('DATABASE_URL', url)
      vi.stubEnv('COURIER_SECRET_KEY', key)
      try {
        const added = await captured(() =>
          teamCommand(['users', 'add', 'ana@example.com', '--name', 'Ana', '--public-url', origin]),
        )
        expect(added.code).toBe(0)
        const link = /(http:\/\/\S+\/set-password\?token=[A-Za-z0-9_-]{43})/.exec(added.out)?.[1]
        expect(link).toBeDefined()
        const page = await request(link!)
        expect(page.statusCode).toBe(200)
        expect(await page.body.text()).toContain('ana@example.com')

        const created = await captured(() =>
          teamCommand(['tokens', 'create', '--user', 'ana@example.com', '--name', 'CI']),
        )
        expect(created.code).toBe(0)
        const token = /(courier_[A-Za-z0-9_-]{43})/.exec(created.out)?.[1]
        const id = /API token (\S+) for/.exec(created.out)?.[1]
        expect(token).toBeDefined()

        const upstream = await startUpstream((req, res) => {
          res.statusCode = req.url === '/broken' ? 500 : 200
          res.end(JSON.stringify({ key: req.headers['x-key'] ?? null }))
        })
        const ana = (await app.store.users.byEmail('ana@example.com'))!
        const personal = await app.store.memberships.personalOf(ana.id, 'Personal')
        const data = app.store.inWorkspace(personal.id)
        const collection = await data.collections.create('Smoke')
        await data.collections.createItem({
          kind: 'request',
          collectionId: collection.id,
          name: 'Ping',
          request: { method: 'GET', url: `${upstream.url()}ping`, headers: [['X-Key', '{{key}}', true]] } as never,
        })
        await data.environments.create('staging', [{ name: 'key', value: 'k-1', enabled: true, secret: false }])
        // Someone else's collection of the same name, in the local workspace: never the one run.
        await app.store.collections.create('Smoke')

        const report = await runRemote(origin, token!, { collection: 'Smoke', environment: 'staging' })
        expect(report).toMatchObject({ collection: 'Smoke', environment: 'staging', passed: 1, failed: 0 })
        expect(report.steps[0]).toMatchObject({ name: 'Ping', method: 'GET', passed: true })
        expect(
          upstream.received.map((r) => [r.url, r.headers.find(([n]) => n.toLowerCase() === 'x-key')?.[1]]),
        ).toEqual([['/ping', 'k-1']])
        // The send is Ana's: her history has it, the local user's does not.
        expect((await app.store.historyOf(ana.id).list({ limit: 10 } as never)).items).toHaveLength(1)
        expect((await app.store.history.list({ limit: 10 } as never)).items).toHaveLength(0)

        // The real command prints the report and exits 1 when a request fails.
        await data.collections.createItem({
          kind: 'request',
          collectionId: collection.id,
          name: 'Broken',
          request: { method: 'GET', url: `${upstream.url()}broken` } as never,
        })
        const cli = await run(
          join(packageDir, 'node_modules/.bin/tsx'),
          ['src/cli.ts', 'run', '--server', origin, '--token', token!, 'Smoke', '--environment', 'staging'],
          { cwd: packageDir, env: { ...process.env, NO_COLOR: '1' } },
        ).then(
          () => ({ code: 0, stdout: '' }),
          (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
        )
        expect(cli.code).toBe(1)
        expect(cli.stdout).toMatch(/→ Ping\n {2}GET \S+\/ping \[200 OK/)
        expect(cli.stdout).toMatch(/→ Broken\n {2}GET \S+\/broken \[500 Internal Server Error/)
        expect(cli.stdout).toMatch(/1\.\s+StatusError\s+500 Internal Server Error/)

        const revoked = await captured(() => teamCommand(['tokens', 'revoke', id!]))
        expect(revoked.code).toBe(0)
        await expect(runRemote(origin, token!, { collection: 'Smoke' })).rejects.toThrow(
          /refused the run \(UNAUTHORIZED\): This API token is unknown or was revoked/,
        )
        // A refused token is exit code 4, told in a sentence.
        const refused = await captured(() => runCommand(['--server', origin, '--token', token!, 'Smoke']))
        expect(refused.code).toBe(4)
        expect(refused.err).toMatch(/refused the run \(UNAUTHORIZED\).*Check --token/)
      } finally {
        vi.unstubAllEnvs()
      }
    }, 120_000)

    it('refuses to open the team database without a strong COURIER_SECRET_KEY', async () => {
      vi.stubEnv('DATABASE_URL', TEAM_DATABASE_URL!)
      vi.stubEnv('COURIER_SECRET_KEY', Buffer.alloc(32, 7).toString('base64'))
      try {
        await expect(
          teamCommand(['users', 'add', 'x@example.com', '--public-url', 'http://127.0.0.1:1']),
        ).rejects.toThrow(/COURIER_SECRET_KEY is not a strong key/)
      } finally {
        vi.unstubAllEnvs()
      }
    })
  },
)
