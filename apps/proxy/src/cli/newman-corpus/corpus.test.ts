import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { startRawEchoServer } from '../../test/raw-echo-server.js'
import { cleanEnv, runCommand as spawnCommand } from '../../test/run-command.js'
import { tempDataDir } from '../../test/temp-dir.js'
import type { ReceivedRequest } from '../../test/upstream.js'
import { runCommand } from '../run-command.js'
import { CLOCK_DEPENDENT, KNOWN_DIFFERENCES, NEEDS_INTERNET } from './known-differences.js'
import { localize } from './localize.js'

const NEWMAN = fileURLToPath(new URL('../../../node_modules/newman/bin/newman.js', import.meta.url))
const SHARED = fileURLToPath(new URL('../../../../../packages/shared/src/convert/', import.meta.url))
const CORPUS = [join(SHARED, 'postman/fixtures/newman'), join(SHARED, 'fixtures')]

type Entry = {
  name: string
  dir: string
  files: Partial<Record<'collection' | 'environment' | 'globals' | 'data' | 'config', string>>
}

/** Every collection of the corpus with the files newman's own test runner gives it (same base name). */
function corpus(): Entry[] {
  const entries: Entry[] = []
  const visit = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      if (name.isDirectory()) visit(join(dir, name.name))
      const base = /^(.+)\.postman_collection\.json$/.exec(name.name)?.[1]
      if (!base) continue
      const beside = (suffix: string) => (existsSync(join(dir, `${base}${suffix}`)) ? `${base}${suffix}` : undefined)
      const files: Entry['files'] = { collection: name.name }
      const environment =
        beside('.postman_environment.json') ?? (base.startsWith('wise') ? 'wise.postman_environment.json' : undefined)
      const globals = beside('.postman_globals.json')
      const data = beside('.postman_data.json') ?? beside('.postman_data.csv')
      const config = beside('.postman_config.json')
      Object.assign(
        files,
        environment && { environment },
        globals && { globals },
        data && { data },
        config && { config },
      )
      entries.push({ name: relative(CORPUS[0]!, join(dir, base)).replace(/^(\.\.\/)+fixtures\//, ''), dir, files })
    }
  }
  CORPUS.forEach(visit)
  return entries.sort((a, b) => a.name.localeCompare(b.name))
}

/** Headers that tell one client from the other and not what was asked: left out of the comparison. */
const CLIENT_HEADERS = /^(user-agent|postman-token|connection|cache-control|accept-encoding)$/i

/** One request as the server received it, with a multipart boundary made neutral. */
function seen(r: ReceivedRequest) {
  const contentType = r.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? ''
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1]
  const neutral = (text: string) => (boundary ? text.split(boundary).join('BOUNDARY') : text)
  const headers = r.headers
    .filter(([name]) => !CLIENT_HEADERS.test(name))
    .filter(([name]) => !(boundary && /^content-length$/i.test(name)))
    .map(([name, value]) => `${name.toLowerCase()}: ${neutral(value)}`)
    .sort()
  return `${r.method} ${r.url}\n${headers.join('\n')}\n\n${neutral(r.body.toString('latin1'))}`
}

/** newman's run options from X.postman_config.json as its CLI flags, and the ones courier run has. */
function flags(config: { run?: Record<string, unknown> }): { newman: string[]; courier: string[] } {
  const run = config.run ?? {}
  const newman: string[] = []
  const courier: string[] = []
  if (run.ignoreRedirects) {
    newman.push('--ignore-redirects')
    courier.push('--ignore-redirects')
  }
  if (run.insecure) newman.push('--insecure')
  if (typeof run.timeoutRequest === 'number') {
    newman.push('--timeout-request', String(run.timeoutRequest))
    courier.push('--timeout-request', String(run.timeoutRequest))
  }
  if (typeof run.timeout === 'number') newman.push('--timeout', String(run.timeout))
  if (typeof run.timeoutScript === 'number') newman.push('--timeout-script', String(run.timeoutScript))
  return { newman, courier }
}

const outcomes = new Map<string, boolean>()

describe('courier run sends what newman sends, over newman’s integration collections and the Wise ones', () => {
  const entries = corpus()
  it('finds the corpus, and every listed collection is in it', () => {
    expect(entries.length).toBeGreaterThan(40)
    const names = new Set(entries.map((e) => e.name))
    for (const name of [
      ...Object.keys(KNOWN_DIFFERENCES),
      ...Object.keys(CLOCK_DEPENDENT),
      ...Object.keys(NEEDS_INTERNET),
    ])
      expect(names).toContain(name)
  })

  for (const entry of entries.filter((e) => !(e.name in NEEDS_INTERNET)))
    it(
      entry.name,
      async () => {
        const server = await startRawEchoServer()
        const work = join(tempDataDir(), 'corpus')
        cpSync(entry.dir, work, { recursive: true })
        for (const key of ['collection', 'environment', 'globals', 'data'] as const) {
          const file = entry.files[key]
          if (file && file.endsWith('.json'))
            writeFileSync(join(work, file), localize(readFileSync(join(entry.dir, file)), `127.0.0.1:${server.port}`))
        }
        const { files } = entry
        const common = [
          ...(files.environment ? ['-e', files.environment] : []),
          ...(files.globals ? ['-g', files.globals] : []),
          ...(files.data ? ['-d', files.data] : []),
        ]
        const extra = flags(files.config ? JSON.parse(readFileSync(join(work, files.config), 'utf8')) : {})
        await spawnCommand(
          process.execPath,
          [NEWMAN, 'run', files.collection!, ...common, ...extra.newman, '--reporters', 'cli'],
          work,
          cleanEnv({ NO_COLOR: '1' }),
        )
        const newmanSaw = server.received.splice(0).map(seen)

        const cwd = process.cwd()
        const quiet = { write: () => true }
        process.chdir(work)
        try {
          await runCommand([files.collection!, ...common, ...extra.courier, '--silent'], {
            stdout: quiet,
            stderr: quiet,
          })
        } finally {
          process.chdir(cwd)
        }
        const courierSaw = server.received.splice(0).map(seen)
        const agree = JSON.stringify(courierSaw) === JSON.stringify(newmanSaw)
        outcomes.set(entry.name, agree)
        // CORPUS_DUMP=dir writes both sides of each difference there, to read them with diff.
        const dump = process.env.CORPUS_DUMP
        if (dump && !agree)
          for (const [who, saw] of [
            ['newman', newmanSaw],
            ['courier', courierSaw],
          ] as const)
            writeFileSync(join(dump, `${entry.name.replace(/\//g, '_')}.${who}.txt`), saw.join('\n\n====\n\n'))
        expect(newmanSaw.length, 'newman sent nothing: the collection was not localized').toBeGreaterThan(0)
        if (entry.name in CLOCK_DEPENDENT) {
          // Everything but the second it was signed in (and so the signature) must still agree.
          const unclocked = (saw: string[]) =>
            saw.map((r) =>
              r
                .replace(/oauth_timestamp="\d+"/g, 'oauth_timestamp="…"')
                .replace(/oauth_signature="[^"]*"/g, 'oauth_signature="…"'),
            )
          expect(unclocked(courierSaw)).toEqual(unclocked(newmanSaw))
        } else if (entry.name in KNOWN_DIFFERENCES) {
          // A listed difference that is gone must leave the list.
          expect(agree, `${entry.name} now sends what newman sends; remove it from known-differences.ts`).toBe(false)
        } else {
          expect(courierSaw).toEqual(newmanSaw)
        }
      },
      60_000,
    )

  afterAll(() => {
    const agreeing = [...outcomes.values()].filter(Boolean).length
    console.info(
      `newman corpus: ${agreeing} of ${outcomes.size} collections send what newman sends (${Object.keys(NEEDS_INTERNET).length} more need the internet: not run)`,
    )
  })
})
