import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importText } from '@courier/shared/convert'
import { buildFileBody } from '../engine/file-body.js'
import { engineSend } from '../test/engine-send.js'
import { testBodyStore, testFileStore } from '../test/stores.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream } from '../test/upstream.js'
import { wireDifferences, type ExpectedSend } from '../test/wire-compare.js'

// Kong/httpsnippet's HAR request fixtures (packages/shared/src/convert/har/fixtures/README.md): each
// says what a client sent. Courier imports it, its engine sends it to a local server, and what the
// server got is compared with what the HAR says.
const DIR = new URL('../../../../packages/shared/src/convert/har/fixtures/', import.meta.url)
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are untyped JSON read field by field
type Har = Record<string, any>
const OWNED = new Set(['host', 'content-length', 'connection', 'transfer-encoding'])

/** What the HAR says was sent (httpsnippet's reading: the URL's query plus the queryString pairs it lacks). */
function expectedFrom(req: Har): ExpectedSend {
  const url = new URL(req.url)
  const query = [...url.searchParams.entries()] as [string, string][]
  const left = [...query]
  for (const q of req.queryString ?? []) {
    const at = left.findIndex(([n, v]) => n === q.name && v === q.value)
    if (at === -1) query.push([q.name, q.value])
    else left.splice(at, 1)
  }
  const post = req.postData
  const multipart = /multipart\//.test(post?.mimeType ?? '')
  const headers = ((req.headers ?? []) as { name: string; value: string }[])
    .filter((h) => !OWNED.has(h.name.toLowerCase()) && !(multipart && h.name.toLowerCase() === 'content-type'))
    .map((h): [string, string] => [h.name, h.value])
  if (req.cookies?.length && !headers.some(([n]) => n.toLowerCase() === 'cookie'))
    headers.push(['Cookie', req.cookies.map((c: Har) => `${c.name}=${c.value}`).join('; ')])
  let body: ExpectedSend['body']
  if (post?.params?.length && /x-www-form-urlencoded/.test(post.mimeType))
    body = { kind: 'form', fields: post.params.map((p: Har) => [p.name, p.value ?? '']) }
  else if (multipart && post.params?.length)
    body = {
      kind: 'multipart',
      parts: post.params.map((p: Har) => ({
        name: p.name,
        value: p.value ?? '',
        filename: p.fileName,
        contentType: p.contentType ?? (p.fileName ? 'application/octet-stream' : undefined),
      })),
    }
  else if (post?.text !== undefined) body = { kind: 'text', text: post.text }
  return {
    method: req.method,
    path: url.pathname,
    query,
    headers,
    ...(body ? { body } : {}),
    ...(post?.mimeType && body ? { mediaType: post.mimeType } : {}),
  }
}

/**
 * Where Courier's send cannot match the HAR, and why. The test fails if one of these starts to agree
 * (take it off) or any other fixture disagrees.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'multipart-file.json':
    'The HAR names a file (test/fixtures/files/hello.txt) but holds no content; Courier never reads paths from an import, so it refuses to send until the file is chosen.',
}

describe('HAR fixtures on the wire', () => {
  it(`every httpsnippet request fixture sends what the HAR says, but for the known differences (${FIXTURES.length} fixtures)`, async () => {
    const upstream = await startUpstream((_, response) => response.end('ok'))
    const agree: string[] = []
    const differ: Record<string, string[]> = {}
    for (const file of FIXTURES) {
      const doc = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Har
      const har = doc.log
        ? doc
        : { log: { version: '1.2', creator: { name: 'httpsnippet', version: '' }, entries: [{ request: doc }] } }
      const req = har.log.entries[0].request as Har
      const result = await importText(JSON.stringify(har))
      const item = result.collections[0]!.items.find((i) => i.kind === 'request')
      if (!item || item.kind !== 'request') throw new Error(`${file}: no request imported`)
      const origin = new URL(req.url).origin
      const spec = { ...item.request, url: item.request.url.replace(origin, upstream.url('').replace(/\/$/, '')) }
      const before = upstream.received.length
      const dir = tempDataDir()
      const files = testFileStore(dir)
      const sent = await engineSend(spec, { buildFileBody: (b) => buildFileBody(b, files) }, testBodyStore(dir)).then(
        () => null,
        (error: Error) => error.message,
      )
      const problems =
        sent !== null || upstream.received.length === before
          ? [`not sent: ${sent}`]
          : wireDifferences(expectedFrom(req), upstream.received.at(-1)!)
      if (problems.length) differ[file] = problems
      else agree.push(file)
    }
    console.info(`HAR wire: ${agree.length} of ${FIXTURES.length} fixtures send what the HAR says.`)
    expect(Object.keys(differ).sort()).toEqual(Object.keys(KNOWN_DIFFERENCES).sort())
    expect(agree.length).toBe(FIXTURES.length - Object.keys(KNOWN_DIFFERENCES).length)
  })

  it('reports what it cannot carry and leaves out entries without a URL', async () => {
    const result = await importText(
      JSON.stringify({
        log: {
          version: '1.2',
          entries: [
            { request: { method: 'GET', url: '' } },
            {
              request: {
                method: 'POST',
                url: 'http://api.test/u',
                headers: [{ name: 'Content-Type', value: 'multipart/form-data; boundary=x' }],
                postData: { mimeType: 'multipart/form-data', params: [{ name: 'f', fileName: 'a.png' }] },
              },
            },
          ],
        },
      }),
    )
    expect(result.report.counts.requests).toBe(1)
    expect(result.report.skipped.map((s) => s.what)).toEqual([
      'request without a URL',
      'file part “f”',
      'header Content-Type: multipart/form-data; boundary=x',
    ])
  })
})
