import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const bin = fileURLToPath(new URL('../apps/proxy/bin/courier.mjs', import.meta.url))
const exec = promisify(execFile)

/** Where the team e2e finds PostgreSQL (.ci/run sets it to the machine's cluster). */
export const teamDatabaseUrl = process.env.TEST_DATABASE_URL

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * A real `courier serve --team` on its own port, data folder and PostgreSQL schema (others use
 * the same test database at the same time), with a fresh COURIER_SECRET_KEY; the CLI's
 * `courier users add` runs against the same database, as an admin would.
 */
export class TeamServer {
  private child: ChildProcess | null = null
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'courier-team-e2e-'))
  port = 0

  private readonly of: TeamServer | undefined
  private readonly schema: string
  private readonly key: string

  /** `of`: another instance of that server — the same PostgreSQL schema, secret key and people, its own port and data folder. */
  constructor(of?: TeamServer) {
    this.of = of
    this.schema = of?.schema ?? `courier_auth_e2e_${randomBytes(5).toString('hex')}`
    this.key = of?.key ?? randomBytes(32).toString('base64')
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`
  }

  private env(): NodeJS.ProcessEnv {
    const url = new URL(teamDatabaseUrl!)
    url.searchParams.set('options', `-c search_path=${this.schema}`)
    return {
      ...process.env,
      COURIER_DATA_DIR: this.dataDir,
      DATABASE_URL: url.toString(),
      COURIER_SECRET_KEY: this.key,
    }
  }

  private psql(statement: string) {
    return exec('psql', ['-qtAc', statement, teamDatabaseUrl!])
  }

  /**
   * `allowTargets`: COURIER_ALLOW_TARGETS, e.g. 127.0.0.1 so sends reach a local upstream (team mode
   * refuses loopback otherwise). `env`: more of the server's environment (COURIER_OIDC_*, …).
   */
  async start(options: { allowTargets?: string; env?: Record<string, string> } = {}): Promise<void> {
    if (!this.of) await this.psql(`CREATE SCHEMA ${this.schema}`)
    this.port = await freePort()
    const origin = `http://127.0.0.1:${this.port}`
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--team', '--port', String(this.port), '--public-url', origin],
      {
        env: {
          ...this.env(),
          ...(options.allowTargets ? { COURIER_ALLOW_TARGETS: options.allowTargets } : {}),
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.child = child
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`courier serve --team did not start within 60 s:\n${output}`))
      }, 60_000)
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('team server is listening')) {
          clearTimeout(timer)
          resolve()
        }
      })
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`courier serve --team exited with ${code}:\n${output}`))
      })
    })
  }

  /** `courier users add EMAIL`: answers what it printed and the one-time set-password link in it. */
  async addUser(email: string, ...flags: string[]): Promise<{ printed: string; link: string }> {
    const { stdout } = await exec(
      process.execPath,
      [bin, 'users', 'add', email, '--public-url', this.url.slice(0, -1), ...flags],
      {
        env: this.env(),
      },
    )
    const link = /(http:\/\/\S+\/set-password\?token=\S+)/.exec(stdout)?.[1]
    if (!link) throw new Error(`courier users add printed no link:\n${stdout}`)
    return { printed: stdout, link }
  }

  async dispose(): Promise<void> {
    const child = this.child
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    // The first instance owns the schema: dispose the others first.
    if (!this.of) await this.psql(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`).catch(() => undefined)
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
