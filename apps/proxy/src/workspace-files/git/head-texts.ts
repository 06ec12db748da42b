import { gitFailed, runGitRaw } from './run-git.js'

/**
 * The texts `paths` (relative to the repository's top) have in HEAD, in one `git cat-file --batch`:
 * undefined for a path HEAD does not hold (added, or no commit yet).
 */
export async function headTexts(cwd: string, topPaths: readonly string[]): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>()
  // A path with a line break cannot be asked for on cat-file's line protocol: it reads as absent.
  const asked = [...new Set(topPaths)].filter((p) => !/[\r\n]/.test(p))
  for (const p of topPaths) out.set(p, undefined)
  if (asked.length === 0) return out
  const hasHead = (await runGitRaw(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).code === 0
  if (!hasHead) return out
  const run = await runGitRaw(cwd, ['cat-file', '--batch'], { input: asked.map((p) => `HEAD:${p}\n`).join('') })
  if (run.code !== 0) throw gitFailed(['cat-file', '--batch'], run)
  const buf = run.stdout
  let pos = 0
  for (const path of asked) {
    const end = buf.indexOf(0x0a, pos)
    if (end < 0) break
    const header = buf.subarray(pos, end).toString('utf8')
    pos = end + 1
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header)
    if (!match) continue // "HEAD:path missing"
    const size = Number(match[2])
    if (match[1] === 'blob') out.set(path, buf.subarray(pos, pos + size).toString('utf8'))
    pos += size + 1
  }
  return out
}
