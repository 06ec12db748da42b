import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../apps/proxy/bin/courier.mjs', import.meta.url))

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A real `courier serve` on its own port and data folder, restartable like a person would. */
export class CourierServer {
  /** `serveArgs`: more flags for `courier serve` (a spec's own server: `--workspace DIR`). */
  constructor(private readonly serveArgs: readonly string[] = []) {}

  private child: ChildProcess | null = null
  readonly dataDir = mkdtempSync(join(tmpdir(), 'courier-e2e-'))
  port = 0
  /** The one-time sign-in link the last start printed (spent once a browser opened it). */
  loginUrl = ''

  get url(): string {
    return `http://127.0.0.1:${this.port}/`
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort()
    // Mocks listen on a free port of their own (GET /api/info's mockOrigin says which).
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--port', String(this.port), '--mock-port', '0', ...this.serveArgs],
      {
        env: { ...process.env, COURIER_DATA_DIR: this.dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.child = child
    let output = ''
    await new Promise<void>((resolve, reject) => {
      // A bound, not a wait: start is awaited on its printed line; a loaded machine may take a while.
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`courier serve did not start within 60 s:\n${output}`))
      }, 60_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const link = /Open (http:\/\/\S+)/.exec(output)?.[1]
        if (link) {
          clearTimeout(timer)
          this.loginUrl = link
          resolve()
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`courier serve exited with ${code}:\n${output}`))
      })
    })
  }

  /** A fresh one-time sign-in link, from `courier open` as a person would get one. */
  openLink(): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [bin, 'open'],
        { env: { ...process.env, COURIER_DATA_DIR: this.dataDir } },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`courier open failed: ${stderr || error.message}`))
          else resolve(stdout.trim())
        },
      )
    })
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    this.child = null
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
