import { describe, expect, it } from 'vitest'
import { RequestSpecSchema } from '../../request-spec.js'
import { CODE_TARGETS } from './code-targets.js'
import { generateCode } from './generate-code.js'

const multipart = RequestSpecSchema.parse({
  method: 'POST',
  url: 'http://127.0.0.1:8080/upload/:kind?a=1&b=two',
  params: [
    ['a', '1', true],
    ['b', 'two', true],
  ],
  pathParams: [['kind', 'reports']],
  headers: [
    ['X-Trace', 'abc', true],
    ['X-Off', 'no', false],
  ],
  body: {
    kind: 'multipart',
    parts: [
      { kind: 'text', name: 'title', value: 'hello', enabled: true, headers: [] },
      {
        kind: 'text',
        name: 'report',
        value: 'some,data',
        filename: 'report.csv',
        contentType: 'text/csv',
        enabled: true,
        headers: [],
      },
      {
        kind: 'file',
        name: 'photo',
        file: {
          fileId: '00000000-0000-0000-0000-000000000000',
          filename: 'cat.png',
          contentType: 'image/png',
          size: 3,
        },
        enabled: true,
        headers: [],
      },
    ],
  },
  auth: { type: 'basic', username: 'alice', password: 's3cret' },
})

describe('generateCode', () => {
  it('writes Python requests in the seeds’ style', () => {
    const { code, language, notes } = generateCode(multipart, 'python-requests')
    expect(language).toBe('python')
    expect(code).toBe(`import requests

url = "http://127.0.0.1:8080/upload/reports"
params = {
    "a": "1",
    "b": "two",
}
headers = {
    "X-Trace": "abc",
}
data = {
    "title": "hello",
}
files = {
    "report": ("report.csv", "some,data", "text/csv"),
    "photo": ("cat.png", open("cat.png", "rb"), "image/png"),
}

response = requests.post(url,
    params=params,
    headers=headers,
    data=data,
    files=files,
    auth=("alice", "s3cret"),
    timeout=60,
)

print(response.status_code)
print(response.text)
`)
    expect(notes.join(' ')).toMatch(/working directory/)
  })

  it('writes JSON as a Python literal and httpx with follow_redirects', () => {
    const spec = RequestSpecSchema.parse({
      method: 'PATCH',
      url: 'https://x.test/a',
      body: { kind: 'json', text: '{"ok": true, "n": null, "list": [1, "x"]}' },
      auth: { type: 'digest', username: 'u', password: 'p' },
    })
    const requests = generateCode(spec, 'python-requests').code
    expect(requests).toContain('from requests.auth import HTTPDigestAuth')
    expect(requests).toContain('"ok": True,\n    "n": None,')
    expect(requests).toContain('json=payload')
    const httpx = generateCode(spec, 'python-httpx').code
    expect(httpx).toContain('httpx.patch(url')
    expect(httpx).toContain('auth=httpx.DigestAuth("u", "p")')
    expect(httpx).toContain('follow_redirects=True')
  })

  it('keeps part order with files= tuples when a plain field follows a file', () => {
    const spec = RequestSpecSchema.parse({
      method: 'POST',
      url: 'https://x.test/',
      body: {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'f', value: 'x', filename: 'f.txt', enabled: true, headers: [] },
          { kind: 'text', name: 'after', value: 'y', enabled: true, headers: [] },
        ],
      },
    })
    const { code } = generateCode(spec, 'python-requests')
    expect(code).toContain('"f": ("f.txt", "x"),\n    "after": (None, "y"),')
    expect(code).not.toContain('data=')
  })

  it('answers code for every target, from any body kind', () => {
    const bodies = [
      multipart.body,
      { kind: 'json', text: '{"a":1}' },
      { kind: 'form', fields: [['a', 'b c', true]] },
      { kind: 'raw', text: '<a/>', contentType: 'application/xml' },
      { kind: 'graphql', query: '{ me }', variables: '' },
      { kind: 'binary', file: null },
      { kind: 'none' },
    ] as const
    for (const target of CODE_TARGETS) {
      for (const body of bodies) {
        const { code } = generateCode({ ...multipart, body } as never, target.id)
        expect(code.length, `${target.id} ${body.kind}`).toBeGreaterThan(20)
        expect(code, `${target.id} ${body.kind}`).toContain('127.0.0.1:8080/upload/reports')
      }
    }
  })

  it('puts the auth tab into the code for httpsnippet targets', () => {
    const { code } = generateCode(multipart, 'javascript-fetch')
    expect(code).toContain('Basic YWxpY2U6czNjcmV0')
    expect(
      generateCode({ ...multipart, auth: { type: 'apikey', name: 'key', value: 'k1', in: 'query' } }, 'go').code,
    ).toContain('key=k1')
  })

  it('writes Python that keeps what an imported cURL command sends', () => {
    const base = { method: 'POST', url: 'https://x.test/a?format=json&' }
    const form = generateCode(
      RequestSpecSchema.parse({
        ...base,
        body: { kind: 'multipart', parts: [{ kind: 'text', name: 'd1', value: 'x', enabled: true, headers: [] }] },
      }),
      'python-requests',
    ).code
    expect(form).toContain('"d1": (None, "x"),')
    expect(form).not.toContain('data=')
    expect(form).toContain('url = "https://x.test/a?format=json&"')
    const json = generateCode(
      RequestSpecSchema.parse({ ...base, body: { kind: 'json', text: '{ "a":1 }' }, cookies: 'a=b; c' }),
      'python-requests',
    ).code
    expect(json).toContain('payload = "{ \\"a\\":1 }"')
    expect(json).toContain('"Cookie": "a=b; c",')
    const odd = generateCode(
      RequestSpecSchema.parse({ method: 'wHat', url: 'https://x.test/' }),
      'python-requests',
    ).code
    expect(odd).toContain('request.method = "wHat"')
    expect(odd).toContain('response = session.send(request, timeout=60)')
  })
})
