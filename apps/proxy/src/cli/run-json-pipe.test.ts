import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cleanEnv } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream } from '../test/upstream.js'

const packageDir = fileURLToPath(new URL('../..', import.meta.url))

/** Runs the real CLI with stdout on a pipe this test reads, and answers everything that came through it. */
function courierThroughPipe(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(packageDir, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
      cwd: packageDir,
      env: cleanEnv({ NO_COLOR: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr }))
  })
}

describe('courier run --json into a pipe', () => {
  it('writes the whole report before it exits, however much larger than a pipe buffer it is', async () => {
    const upstream = await startUpstream((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ ok: true, padding: 'x'.repeat(2_000) }))
    })
    const dir = tempDataDir()
    const file = join(dir, 'many.postman_collection.json')
    const count = 150
    writeFileSync(
      file,
      JSON.stringify({
        info: { name: 'Pipe', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: Array.from({ length: count }, (_, i) => ({
          name: `item ${i}`,
          request: { method: 'GET', url: upstream.url(`/items/${i}`) },
        })),
      }),
    )
    const result = await courierThroughPipe(['run', file, '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    // Far more than the 64 KiB a pipe holds, so the report leaves in several writes.
    expect(result.stdout.length).toBeGreaterThan(4 * 65_536)
    const report = JSON.parse(result.stdout) as { steps: { name: string }[]; passed: number }
    expect(report.steps).toHaveLength(count)
    expect(report.steps.at(-1)!.name).toBe(`item ${count - 1}`)
  })
})
