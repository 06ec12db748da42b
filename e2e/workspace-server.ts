import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { CourierServer } from './courier-server.js'

/** Runs the system's git in `dir`; answers what it printed (stdout), or fails with its stderr. */
export function git(dir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: dir }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} failed: ${stderr || error.message}`))
      else resolve(stdout)
    })
  })
}

/**
 * A fresh folder that is a git repository on branch main with one commit (a README), and a person
 * of its own (no global git config needed).
 */
export async function freshRepository(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  await git(dir, 'init', '--quiet', '--initial-branch=main')
  await git(dir, 'config', 'user.name', 'Courier E2E')
  await git(dir, 'config', 'user.email', 'e2e@courier.invalid')
  await git(dir, 'config', 'commit.gpgsign', 'false')
  await writeFile(join(dir, 'README.md'), '# Requests\n')
  await git(dir, 'add', 'README.md')
  await git(dir, 'commit', '--quiet', '-m', 'Start')
  return dir
}

/** The workspace files (relative, `/`-separated) whose text holds `marker`. */
export async function filesHolding(dir: string, marker: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue
    const path = join(entry.parentPath, entry.name)
    if (path.includes(`${sep}.git${sep}`)) continue
    // Courier may rename or remove a file between the listing and the read: it then holds nothing.
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return ''
      throw error
    })
    if (text.includes(marker)) found.push(relative(dir, path).split(sep).join('/'))
  }
  return found
}

/** A `courier serve --workspace DIR` of one spec's own: its data folder and its repository, removed at the end. */
export class WorkspaceServer {
  readonly server: CourierServer

  private constructor(readonly dir: string) {
    this.server = new CourierServer(['--workspace', dir])
  }

  static async start(prefix: string): Promise<WorkspaceServer> {
    const workspace = new WorkspaceServer(await freshRepository(prefix))
    await workspace.server.start()
    return workspace
  }

  git(...args: string[]): Promise<string> {
    return git(this.dir, ...args)
  }

  async dispose(): Promise<void> {
    await this.server.dispose()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
