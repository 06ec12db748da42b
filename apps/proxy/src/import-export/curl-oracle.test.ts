import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { parseCurl } from '@courier/shared/convert'
import { describe, expect, it, onTestFinished } from 'vitest'
import { buildTestApp, type TestApp } from '../test/build-test-app.js'
import { startRawEcho, type RawEcho, type RawRequest } from '../test/raw-echo.js'

/*
 * The original tool is the judge (issue 16): every command of a corpus written by others is run
 * by the real curl against a local echo server, and what Courier sends for the imported request
 * (its real /api/send path) and what the generated Python requests code sends are compared with it.
 */

const FIXTURES = join(import.meta.dirname, 'fixtures', 'curl-commands')
const KNOWN = JSON.parse(readFileSync(join(FIXTURES, 'known-differences.json'), 'utf8')) as {
  engine: Record<string, string>
  python: Record<string, string>
  skipped: Record<string, string>
}
const PYTHON = '/usr/bin/python3'
const run = promisify(execFile)
const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0
const hasRequests = spawnSync(PYTHON, ['-c', 'import requests'], { stdio: 'ignore' }).status === 0
if (!hasCurl || !hasRequests)
  console.warn(`Skipping the cURL oracle: it needs curl on PATH and ${PYTHON} with requests (python3-requests).`)

/** The environment both curl's shell and Courier's environment give the corpus' `$VARIABLES`. */
const VARIABLES: Record<string, string> = {
  DO_API_TOKEN: 'tok-123',
  MYVARIABLE: '{"from":"a variable"}',
  FILENAME: 'named.txt',
}

/** Files the commands name, created in the working directory (curl reads them; Courier gets them chosen). */
const FILES = [
  'add_params.xml',
  'input_redirected_file.txt',
  'NewDoc.pdf',
  'myfile.jpg',
  'image.jpg',
  '47.htz',
  'sample.sparql',
  'new_file',
  'my_file.txt',
  'file.txt',
  'test/fixtures/curl_commands/delete.sh',
  'named.txt',
  'myfile.jg',
  'startnamed.txtend',
]
/** The type a browser reports for a chosen file, by extension (what the Body tab's file picker uploads). */
const BROWSER_TYPES: Record<string, string> = { jpg: 'image/jpeg', pdf: 'application/pdf', txt: 'text/plain' }
const fileType = (path: string) => BROWSER_TYPES[path.split('.').pop()!] ?? 'application/octet-stream'
const fileBytes = (path: string) => Buffer.from(`<${basename(path)}>\nsecond line\r\nend`, 'utf8')

/** Commands split the way a shell reads the file: quoted newlines, continuations and here-documents stay with their command. */
function commandsOf(text: string): string[] {
  const commands: string[] = []
  let current = ''
  let quote: string | null = null
  let heredoc: string | undefined
  const lines = text.split('\n')
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!
    if (heredoc !== undefined) {
      current += `${line}\n`
      if (line.trim() === heredoc) {
        heredoc = undefined
        commands.push(current.trimEnd())
        current = ''
      }
      continue
    }
    if (current === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue
    current += `${line}\n`
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!
      if (quote === "'") {
        if (c === "'") quote = null
      } else if (c === '\\') i++
      else if (quote === '"') {
        if (c === '"') quote = null
      } else if (c === "'" || c === '"') quote = c
    }
    if (quote) continue
    const start = /<<-?\s*['"]?(\w+)/.exec(line.replace(/<<</g, ''))
    if (start) {
      heredoc = start[1]
      continue
    }
    if (!line.endsWith('\\')) {
      commands.push(current.trimEnd())
      current = ''
    }
  }
  if (current.trim()) commands.push(current.trimEnd())
  return commands
}

type Case = { id: string; command: string }

const CORPUS: Case[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.sh'))
  .sort()
  .flatMap((file) => {
    const commands = commandsOf(readFileSync(join(FIXTURES, file), 'utf8'))
    return commands.map((command, i) => ({ id: commands.length > 1 ? `${file}#${i + 1}` : file, command }))
  })
  .filter((c) => !(c.id in KNOWN.skipped))

type Essence = { method: string; target: string; headers: string[]; body: unknown }

/**
 * Client defaults: User-Agent, Accept and Accept-Encoding are compared only when the command sets
 * them (-H, -A, --json); otherwise each client sends its own (curl/7.88.1, Courier/…,
 * python-requests/…), which is not part of the command.
 */
const DEFAULTS = new Set(['user-agent', 'accept', 'accept-encoding'])
/** Framing and connection management: how the bytes travel, compared through the body itself. */
const FRAMING = new Set(['connection', 'content-length', 'transfer-encoding', 'expect', 'keep-alive'])

function multipartParts(type: string, body: Buffer): unknown {
  const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2]
  if (!boundary) return body.toString('latin1')
  return body
    .toString('latin1')
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const text = chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')
      const split = text.indexOf('\r\n\r\n')
      const head = text.slice(0, split)
      const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? ''
      return {
        name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
        filename: /filename="([^"]*)"/.exec(disposition)?.[1] ?? null,
        contentType: /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim() ?? null,
        body: text.slice(split + 4),
      }
    })
}

/**
 * What must be the same: the method and request-target byte for byte, every header line that
 * is not a client default or framing (names compared case-insensitively, as HTTP defines them,
 * sorted: curl and Node order them differently and order carries no meaning between different
 * names), and the body bytes — for multipart, its parts, since each client picks its own boundary.
 */
function essence(request: RawRequest, typed: ReadonlySet<string>): Essence {
  const headers = request.headers
    .map(([n, v]): [string, string] => [n.toLowerCase(), v])
    .filter(([n]) => !FRAMING.has(n) && !(DEFAULTS.has(n) && !typed.has(n)))
  const type = headers.find(([n]) => n === 'content-type')?.[1] ?? ''
  const multipart = /^multipart\/form-data/i.test(type)
  return {
    method: request.method,
    target: request.target,
    headers: headers
      .map(([n, v]) => `${n}: ${n === 'content-type' && multipart ? v.replace(/;\s*boundary=.*$/i, '') : v}`)
      .sort(),
    body: multipart ? multipartParts(type, request.body) : request.body.toString('latin1'),
  }
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

type Outcome = { curl?: Essence; engine?: Essence | string; python?: Essence | string }

async function upload(app: TestApp, path: string) {
  const response = await app.api({
    method: 'POST',
    url: '/api/files',
    headers: { 'content-type': 'multipart/form-data; boundary=B' },
    payload: Buffer.concat([
      Buffer.from(
        `--B\r\nContent-Disposition: form-data; name="file"; filename="${basename(path)}"\r\nContent-Type: ${fileType(path)}\r\n\r\n`,
      ),
      fileBytes(path),
      Buffer.from('\r\n--B--\r\n'),
    ]),
  })
  expect(response.statusCode).toBe(201)
  return response.json()
}

describe.skipIf(!hasCurl || !hasRequests)('cURL import against curl itself (curlconverter’s corpus)', () => {
  it('sends what curl sends, through the engine and through the generated Python', async () => {
    const app = await buildTestApp()
    const dir = mkdtempSync(join(tmpdir(), 'courier-curl-oracle-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    for (const path of FILES) {
      mkdirSync(join(dir, dirname(path)), { recursive: true })
      writeFileSync(join(dir, path), fileBytes(path))
      writeFileSync(join(dir, basename(path)), fileBytes(path))
    }
    const chosen = new Map<string, unknown>()
    for (const path of FILES) chosen.set(basename(path), await upload(app, path))
    const env = await app.api({
      method: 'POST',
      url: '/api/environments',
      payload: {
        name: 'Corpus',
        variables: Object.entries(VARIABLES).map(([name, value]) => ({ name, value, enabled: true, secret: false })),
      },
    })
    const environmentId = env.json().id as string
    const outcomes = new Map<string, Outcome>()
    const scripts: { script: string; outcome: Outcome; echo: RawEcho; typed: Set<string> }[] = []

    await pool(CORPUS, 4, async ({ id, command }) => {
      const outcome: Outcome = {}
      outcomes.set(id, outcome)
      const echo = await startRawEcho()
      try {
        const local = command.replace(
          /(https?:\/\/)?localhost:(?:28139|8888)|httpbin\.org/g,
          (_m, scheme: string | undefined) => `${scheme ?? ''}127.0.0.1:${echo.port}`,
        )
        let parsed: ReturnType<typeof parseCurl> | undefined
        let importError = ''
        try {
          parsed = parseCurl(local)
        } catch (error) {
          importError = String(error)
        }
        const typed = new Set((parsed?.spec.headers ?? []).filter(([, , on]) => on).map(([name]) => name.toLowerCase()))
        // curl, as the shell runs the command (pipes, redirections and $VARIABLES included).
        const shell = run('bash', ['-c', local], {
          cwd: dir,
          env: { PATH: process.env.PATH, HOME: dir, ...VARIABLES },
          timeout: 10_000,
        })
        shell.child.stdin?.end() // standard input is empty, as for a command run from a script
        await shell.catch(() => undefined)
        const byCurl = echo.received.splice(0)
        if (byCurl[0]) outcome.curl = essence(byCurl[0], typed)

        // Courier: the import, the files a person would choose for what it asks, the real send.
        if (!parsed) {
          outcome.engine = outcome.python = `not imported: ${importError}`
          return
        }
        const { spec, problems } = parsed
        const named = problems.map((p) => /^(?:body|upload) file (.*)$/.exec(p.what)?.[1]).find(Boolean)
        if (spec.body.kind === 'binary' && named) spec.body.file = (chosen.get(basename(named)) as never) ?? null
        if (spec.body.kind === 'multipart')
          for (const part of spec.body.parts)
            if (part.kind === 'file') part.file = (chosen.get(part.filename ?? '') as never) ?? null
        const input = { environmentId, request: spec }
        const sent = await app.api({ method: 'POST', url: '/api/send', payload: input })
        const byEngine = echo.received.splice(0)
        outcome.engine = byEngine[0] ? essence(byEngine[0], typed) : `not sent: ${sent.body.slice(0, 200)}`

        const code = await app.api({
          method: 'POST',
          url: '/api/codegen',
          payload: { ...input, target: 'python-requests', resolveVariables: true, revealSecrets: true },
        })
        const script = join(dir, `${id.replace(/[^\w.-]/g, '_')}.py`)
        writeFileSync(script, code.json().code ?? '')
        scripts.push({ script, outcome, echo, typed })
      } catch (error) {
        await echo.close()
        throw error
      }
    })

    // The generated scripts, each run whole by one python3 (starting one interpreter per script
    // would take most of the test's time); what each sent reaches its own command's echo server.
    const runner = join(dir, 'run_all.py')
    writeFileSync(
      runner,
      [
        'import runpy, sys, traceback',
        'for path in sys.argv[1:]:',
        '    try:',
        '        runpy.run_path(path, run_name="__main__")',
        '    except BaseException:',
        '        print("FAILED", path, traceback.format_exc(limit=1), file=sys.stderr)',
      ].join('\n'),
    )
    const ran = await run(PYTHON, [runner, ...scripts.map((s) => s.script)], { cwd: dir, timeout: 60_000 })
    for (const { script, outcome, echo, typed } of scripts) {
      const byPython = echo.received.splice(0)
      const failure = ran.stderr.split('FAILED ').find((line) => line.startsWith(script))
      outcome.python = byPython[0] ? essence(byPython[0], typed) : `not sent: ${failure?.slice(-300) ?? ''}`
      await echo.close()
    }

    const differing = (client: 'engine' | 'python') =>
      [...outcomes]
        .filter(([, o]) => JSON.stringify(o[client]) !== JSON.stringify(o.curl))
        .map(([id]) => id)
        .sort()
    const report = (client: 'engine' | 'python') => {
      const off = differing(client)
      const total = outcomes.size
      console.info(`cURL oracle, ${client}: ${total - off.length} of ${total} commands send what curl sends`)
      for (const id of off)
        if (!(id in KNOWN[client])) {
          const o = outcomes.get(id)!
          console.info(
            `  ${id} differs (not in known-differences.json):\n    curl:   ${JSON.stringify(o.curl)}\n    ${client}: ${JSON.stringify(o[client])}`,
          )
        }
      return off
    }
    const noCurl = [...outcomes].filter(([, o]) => !o.curl).map(([id]) => id)
    expect(noCurl, 'curl sent nothing for these commands; list them under “skipped”').toEqual([])
    expect
      .soft(report('engine'), 'engine: the known-differences list is wrong')
      .toEqual(Object.keys(KNOWN.engine).sort())
    expect
      .soft(report('python'), 'python: the known-differences list is wrong')
      .toEqual(Object.keys(KNOWN.python).sort())
  }, 120_000)
})
