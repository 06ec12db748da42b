import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { startRawEchoServer } from '../test/raw-echo-server.js'
import { cleanEnv, runCommand as spawnCommand } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'
import type { ReceivedRequest } from '../test/upstream.js'
import { runCommand } from './run-command.js'

const NEWMAN = fileURLToPath(new URL('../../node_modules/newman/bin/newman.js', import.meta.url))

const raw = (name: string, text: string, language?: string, header: { key: string; value: string }[] = []) => ({
  name,
  request: {
    method: 'POST',
    url: `{{base}}/${name}`,
    header,
    body: { mode: 'raw', raw: text, ...(language ? { options: { raw: { language } } } : {}) },
  },
})

/** Raw bodies in every language Postman's body editor offers, with and without a Content-Type of their own. */
const COLLECTION = {
  info: { name: 'Raw bodies', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    raw('json', '{"a":1}', 'json'),
    raw('xml', '<a>1</a>', 'xml'),
    raw('html', '<p>1</p>', 'html'),
    raw('javascript', 'var a = 1', 'javascript'),
    raw('text', 'plain words', 'text'),
    raw('no-language', 'plain words'),
    raw('unknown-language', 'a: 1', 'yaml'),
    raw('own-type', '{"a":1}', 'json', [{ key: 'Content-Type', value: 'application/vnd.api+json' }]),
    raw('json-type-no-language', '{"a":1}', undefined, [{ key: 'Content-Type', value: 'application/json' }]),
    raw('json-comments', '{\n  // note\n  "a": 1 /* one */\n}', 'json'),
  ],
}

const contentType = (r: ReceivedRequest) => r.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null

it('courier run gives a raw body the Content-Type postman-runtime gives it, per body language', async () => {
  const server = await startRawEchoServer()
  const dir = tempDataDir()
  const file = join(dir, 'raw.postman_collection.json')
  writeFileSync(file, JSON.stringify(COLLECTION))
  const base = `base=${server.url('').replace(/\/$/, '')}`
  await spawnCommand(process.execPath, [NEWMAN, 'run', file, '--env-var', base], dir, cleanEnv({ NO_COLOR: '1' }))
  const newman = server.received.splice(0).map((r) => [r.url, contentType(r), r.body.toString()])
  const quiet = { write: () => true }
  await runCommand([file, '--env-var', base, '--silent'], { stdout: quiet, stderr: quiet })
  const courier = server.received.splice(0).map((r) => [r.url, contentType(r), r.body.toString()])

  // What postman-runtime sends, as newman 6.2.2 sent it to this server.
  expect(newman).toEqual([
    ['/json', 'application/json', '{"a":1}'],
    ['/xml', 'application/xml', '<a>1</a>'],
    ['/html', 'text/html', '<p>1</p>'],
    ['/javascript', 'application/javascript', 'var a = 1'],
    ['/text', 'text/plain', 'plain words'],
    ['/no-language', 'text/plain', 'plain words'],
    ['/unknown-language', 'text/plain', 'a: 1'],
    ['/own-type', 'application/vnd.api+json', '{"a":1}'],
    ['/json-type-no-language', 'application/json', '{"a":1}'],
    // postman-runtime strips comments from a JSON body (request-helpers-presend.js, whitespace: false).
    ['/json-comments', 'application/json', '{\n  \n  "a": 1 \n}'],
  ])
  expect(courier).toEqual(newman)
}, 60_000)
