import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { cleanEnv, runCommand as spawnCommand } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startRawUpstream, type ReceivedRequest } from '../test/upstream.js'
import { runCommand } from './run-command.js'

const NEWMAN = fileURLToPath(new URL('../../node_modules/newman/bin/newman.js', import.meta.url))

const raw = (text: string) => ({ mode: 'raw', raw: text })
const json = [{ key: 'Content-Type', value: 'application/json' }]

/** What postman-runtime decides on the wire: bodies on GET, custom methods, redirects, queries, empty forms, files. */
const COLLECTION = {
  info: { name: 'Wire', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    { name: 'GET body pruned', request: { method: 'GET', url: '{{base}}/get', body: raw('{ "a": 1 }') } },
    {
      name: 'GET body kept',
      protocolProfileBehavior: { disableBodyPruning: true },
      request: { method: 'GET', url: '{{base}}/get', header: json, body: raw('{ "a": 1 }') },
    },
    { name: 'custom raw', request: { method: 'POSTMAN', url: '{{base}}/c', header: json, body: raw('{"b":2}') } },
    { name: 'custom empty', request: { method: 'PURGE', url: '{{base}}/c', body: { ...raw('x'), disabled: true } } },
    { name: 'DELETE empty', request: { method: 'DELETE', url: '{{base}}/d' } },
    {
      name: 'redirect keeps method',
      protocolProfileBehavior: { followOriginalHttpMethod: true },
      request: { method: 'PUT', url: '{{base}}/redirect', header: json, body: raw('{"c":3}') },
    },
    { name: 'redirect to GET', request: { method: 'DELETE', url: '{{base}}/redirect?from=here' } },
    {
      name: 'redirect without Referer',
      protocolProfileBehavior: { removeRefererHeaderOnRedirect: true },
      request: { method: 'GET', url: '{{base}}/redirect', header: [{ key: 'Referer', value: 'INITIAL' }] },
    },
    { name: 'query as written', request: { method: 'GET', url: '{{base}}/q?t=10%3A00&bare&empty=&s=a b&p=%2F' } },
    {
      name: 'form with every row off',
      request: {
        method: 'POST',
        url: '{{base}}/off',
        body: { mode: 'formdata', formdata: [{ key: 'k', value: 'v', type: 'text', disabled: true }] },
      },
    },
    {
      name: 'urlencoded with every row off',
      request: {
        method: 'POST',
        url: '{{base}}/off',
        body: { mode: 'urlencoded', urlencoded: [{ key: 'k', value: 'v', disabled: true }] },
      },
    },
    {
      name: 'urlencoded',
      request: {
        method: 'POST',
        url: '{{base}}/form',
        body: { mode: 'urlencoded', urlencoded: [{ key: 'a b', value: "c&d=e+f %41!'()*~" }] },
      },
    },
    {
      name: 'form with a file',
      request: {
        method: 'POST',
        url: '{{base}}/upload',
        body: {
          mode: 'formdata',
          formdata: [
            { key: 'note', value: 'hello', type: 'text' },
            { key: 'sheet', src: 'upload-file.csv', type: 'file' },
          ],
        },
      },
    },
  ],
}

/** One request as it arrived, minus what tells the clients apart (user agent, Postman-Token, Cache-Control, boundary). */
function seen(r: ReceivedRequest) {
  const boundary = /boundary=(.+)$/.exec(r.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '')?.[1]
  const normal = (text: string) => (boundary ? text.split(boundary).join('BOUNDARY') : text)
  const lines = r.headers
    .filter(([name]) => /^(host|content-type|content-length|transfer-encoding|referer)$/i.test(name))
    // A multipart body's length depends on its boundary's.
    .filter(([name]) => !(boundary && name.toLowerCase() === 'content-length'))
    .map(([name, value]) => `${name}: ${normal(value)}`)
    .sort()
  return { method: r.method, url: r.url, headers: lines, body: normal(r.body.toString('latin1')) }
}

/**
 * A server that takes any method token (Node's own parser answers 400 to POSTMAN) and records
 * each request as it arrived, several per kept-alive connection: /redirect… answers 302 to
 * /landed, anything else 200.
 */
async function recordingServer() {
  const received: ReceivedRequest[] = []
  const upstream = await startRawUpstream((socket) => {
    let buffer = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        const [line, ...rest] = buffer.subarray(0, end).toString('latin1').split('\r\n')
        const headers = rest.map((h): [string, string] => [
          h.slice(0, h.indexOf(':')),
          h.slice(h.indexOf(':') + 1).trim(),
        ])
        const length = Number(headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1] ?? 0)
        if (buffer.length < end + 4 + length) return
        const [method, url] = line!.split(' ') as [string, string]
        received.push({ method, url, headers, body: buffer.subarray(end + 4, end + 4 + length) })
        buffer = buffer.subarray(end + 4 + length)
        socket.write(
          url.startsWith('/redirect')
            ? 'HTTP/1.1 302 Found\r\nLocation: /landed\r\nContent-Length: 0\r\n\r\n'
            : 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
        )
      }
    })
  })
  return { ...upstream, received }
}

it('courier run sends what newman sends for bodies on GET, custom methods, redirects, queries, empty forms and files', async () => {
  const upstream = await recordingServer()
  const dir = tempDataDir()
  const collection = join(dir, 'wire.postman_collection.json')
  writeFileSync(collection, JSON.stringify(COLLECTION))
  writeFileSync(join(dir, 'upload-file.csv'), 'key,val\na,1\n')
  const base = `base=${upstream.url('').replace(/\/$/, '')}`
  const replaceHost = (r: ReturnType<typeof seen>) => ({
    ...r,
    headers: r.headers.map((h) => h.replace(/^(Referer: http:\/\/)[^/]+/, '$1HOST')),
  })

  const newman = await spawnCommand(
    process.execPath,
    [NEWMAN, 'run', collection, '--env-var', base],
    dir,
    cleanEnv({ NO_COLOR: '1' }),
  )
  const newmanSaw = upstream.received.splice(0).map(seen).map(replaceHost)

  const quiet = { write: () => true }
  const cwd = process.cwd()
  // Both read the collection's file paths from the folder they run in.
  process.chdir(dir)
  let exit: number
  try {
    exit = await runCommand([collection, '--env-var', base, '--silent'], { stdout: quiet, stderr: quiet })
  } finally {
    process.chdir(cwd)
  }
  const courierSaw = upstream.received.splice(0).map(seen).map(replaceHost)

  expect(newman.status).toBe(0)
  expect(exit).toBe(0)
  expect(courierSaw).toEqual(newmanSaw)
  // What the comparison covers, as newman sent it.
  const byUrl = (method: string, url: string) => newmanSaw.find((r) => r.method === method && r.url === url)
  expect(newmanSaw.filter((r) => r.url === '/get').map((r) => r.body)).toEqual(['', '{ "a": 1 }'])
  expect(byUrl('POSTMAN', '/c')?.headers).toContain('Content-Length: 7')
  expect(byUrl('PURGE', '/c')?.headers).toContain('Content-Length: 0')
  expect(byUrl('DELETE', '/d')?.headers.some((h) => h.startsWith('Content-Length'))).toBe(false)
  expect(byUrl('PUT', '/landed')?.body).toBe('{"c":3}')
  expect(byUrl('GET', '/landed')?.headers).toContain('Referer: http://HOST/redirect?from=here')
  expect(newmanSaw.filter((r) => r.url === '/landed' && r.headers.includes('Referer: INITIAL'))).toHaveLength(1)
  expect(newmanSaw.map((r) => r.url)).toContain('/q?t=10%3A00&bare&empty=&s=a%20b&p=%2F')
  expect(newmanSaw.filter((r) => r.url === '/off').map((r) => r.headers)).toEqual([
    [expect.stringMatching(/^Content-Length: 0$/), expect.stringMatching(/^Host: /)],
    [expect.stringMatching(/^Content-Length: 0$/), expect.stringMatching(/^Host: /)],
  ])
  expect(byUrl('POST', '/form')?.body).toBe('a%20b=c%26d%3De%2Bf%20%2541%21%27%28%29%2A~')
  expect(byUrl('POST', '/upload')?.body).toContain(
    'filename="upload-file.csv"\r\nContent-Type: text/csv\r\n\r\nkey,val',
  )
}, 60_000)
