import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeImportBytes } from '../decode-text.js'
import { importText } from '../import-text.js'
import { exportPostman } from './export-postman.js'
import { importPostmanText } from './import-postman-text.js'

/** newman's own integration files (fixtures/newman/README.md), as bytes: some carry a BOM or are UTF-16. */
const bytes = (name: string) => readFileSync(new URL(`fixtures/newman/${name}`, import.meta.url))
const text = (name: string) => decodeImportBytes(bytes(name))
const requests = (result: Awaited<ReturnType<typeof importText>>) =>
  result.collections.flatMap((c) => c.items.filter((i) => i.kind === 'request'))

describe('Courier imports what newman runs', () => {
  it('reads a UTF-8 collection with a byte order mark', async () => {
    const raw = bytes('bom-and-encoding/bom-in-collection-file.postman_collection.json')
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const result = await importText(decodeImportBytes(raw))
    expect(result.report.format).toBe('postman-collection')
    expect(requests(result).map((r) => r.name)).toEqual([
      'A simple GET request',
      'A simple POST request',
      'A simple POST request with JSON body',
    ])
    // Pasted text that still holds the mark, and `courier run`'s reader, take it too.
    expect((await importText(raw.toString('utf8'))).report.format).toBe('postman-collection')
    expect(importPostmanText(raw.toString('utf8')).collections).toHaveLength(1)
  })

  it('reads a UTF-16 LE environment with a byte order mark, and the same re-encoded as UTF-16 BE', async () => {
    const raw = bytes('bom-and-encoding/utf16-le-encoding-in-env.postman_environment.json')
    expect([...raw.subarray(0, 2)]).toEqual([0xff, 0xfe])
    const le = await importText(decodeImportBytes(raw))
    expect(le.report.format).toBe('postman-environment')
    expect(le.environments[0]!.variables.length).toBeGreaterThan(0)
    const body = raw.subarray(2)
    const be = Buffer.alloc(body.length + 2)
    be[0] = 0xfe
    be[1] = 0xff
    for (let i = 0; i + 1 < body.length; i += 2) {
      be[i + 2] = body[i + 1]!
      be[i + 3] = body[i]!
    }
    expect((await importText(decodeImportBytes(be))).environments).toEqual(le.environments)
    // UTF-16 without a mark (every other byte 0) too.
    expect((await importText(decodeImportBytes(body))).environments).toEqual(le.environments)
  })

  it('reads an environment with a UTF-8 byte order mark', async () => {
    const result = await importText(text('bom-and-encoding/bom-in-environment-file.postman_environment.json'))
    expect(result.report.format).toBe('postman-environment')
  })

  it('imports a v1 collection, converted to v2.1 as newman converts it, folders and all', async () => {
    const source = text('multi-level-folders-v1.postman_collection.json')
    const result = await importText(source)
    expect(result.report.formatLabel).toBe('Postman collection v1 (converted to v2.1, as newman does)')
    expect(result.report.skipped.map((s) => s.what)).toContain('v1 format')
    const v2 = await importText(text('multi-level-folders-v2.postman_collection.json'))
    // The v2 export of the same collection has the same tree of folders and requests.
    const shape = (r: typeof result) => r.collections[0]!.items.map((i) => `${i.kind}:${i.name}`).sort()
    expect(shape(result)).toEqual(shape(v2))
    expect(result.report.counts.requests).toBe(v2.report.counts.requests)
    expect(importPostmanText(source).report.counts.requests).toBe(v2.report.counts.requests)
  })

  it('imports a collection with no info block, and one marked by info._postman_schema', async () => {
    const doc = JSON.parse(text('head-requests.postman_collection.json')) as {
      info: { schema: string; name: string }
      item: unknown[]
    }
    const full = await importText(JSON.stringify(doc))
    const bare = await importText(JSON.stringify({ item: doc.item }))
    expect(bare.report.formatLabel).toBe('Postman collection v2.1 (no info block)')
    expect(requests(bare).map((r) => r.name)).toEqual(requests(full).map((r) => r.name))
    expect(requests(bare).map((r) => r.request.url)).toEqual(requests(full).map((r) => r.request.url))
    const { schema, ...info } = doc.info
    const marked = await importText(JSON.stringify({ info: { ...info, _postman_schema: schema }, item: doc.item }))
    expect(full.report.formatLabel).toBe('Postman collection v2.0')
    expect(marked.report.formatLabel).toBe('Postman collection v2.0')
    expect(marked.collections[0]!.name).toBe(doc.info.name)
    // The Postman API's wrapper, as `GET /collections/:id` answers.
    expect((await importText(JSON.stringify({ collection: doc }))).collections[0]!.name).toBe(doc.info.name)
  })

  it('imports a globals export that is a bare list of {key, value, enabled}, and an environment with no name', async () => {
    const globals = await importText(text('globals-env-data-files/globals-env-data-files.postman_globals.json'))
    expect(globals.report.format).toBe('postman-environment')
    expect(globals.environments[0]!.name).toBe('Postman globals')
    expect(globals.environments[0]!.variables).toContainEqual({
      name: 'Global Foo',
      value: 'Global Bar',
      enabled: true,
      secret: false,
    })
    const env = JSON.parse(text('inherited-entities/inherited-entities.postman_environment.json')) as Record<
      string,
      unknown
    >
    delete env.name
    const unnamed = await importText(JSON.stringify({ values: env.values }))
    expect(unnamed.report.format).toBe('postman-environment')
    expect(unnamed.environments[0]!.name).toBe('Postman environment')
    expect(unnamed.environments[0]!.variables.length).toBe((env.values as unknown[]).length)
    expect((await importText(JSON.stringify({ environment: { values: env.values } }))).environments).toEqual(
      unnamed.environments,
    )
  })

  it('says what is wrong with a collection whose item list holds nothing Postman runs', async () => {
    await expect(
      importText(JSON.stringify({ info: { name: 'x', schema: 'https://example.com/s.json' }, item: [{ foo: 1 }] })),
    ).rejects.toThrow(/holds no requests or folders/)
  })
})

describe('auth types Courier cannot sign are named in the import report', () => {
  it('reports newman’s Hawk collection, and NTLM, Akamai EdgeGrid and ASAP requests, by their Postman names', async () => {
    const hawk = await importText(text('hawk-auth-test.postman_collection.json'))
    expect(hawk.report.skipped.map((s) => s.what)).toContain('Hawk Authentication auth')
    const doc = JSON.parse(text('head-requests.postman_collection.json')) as { info: unknown }
    const request = (name: string, type: string, fields: Record<string, string>) => ({
      name,
      request: {
        method: 'GET',
        url: 'https://intranet.example.com/report',
        auth: { type, [type]: Object.entries(fields).map(([key, value]) => ({ key, value, type: 'string' })) },
      },
    })
    const result = await importText(
      JSON.stringify({
        info: doc.info,
        item: [
          request('NTLM', 'ntlm', { username: 'ada', password: 'pw', domain: 'CORP' }),
          request('EdgeGrid', 'edgegrid', { accessToken: 'akab-a', clientToken: 'akab-c', clientSecret: 's' }),
          request('ASAP', 'asap', { kid: 'k1', iss: 'svc', aud: 'api', privateKey: '-----BEGIN…', alg: 'RS256' }),
        ],
      }),
    )
    const skipped = result.report.skipped.filter((s) => / auth$/.test(s.what))
    expect(skipped.map((s) => s.what)).toEqual([
      'NTLM Authentication auth',
      'Akamai EdgeGrid auth',
      'ASAP (Atlassian) auth',
    ])
    for (const s of skipped) expect(s.reason).toMatch(/imported without auth/)
  })
})

describe('saved examples of a real collection', () => {
  it('come in from newman’s echo collection as examples and go back out to Postman unchanged', async () => {
    const source = text('echo-v2.postman_collection.json')
    const result = await importText(source)
    const basic = requests(result).find((r) => r.name === 'Basic Auth')!
    expect(basic.request.examples.map((e) => [e.name, e.status, e.statusText])).toEqual([
      ['401', 401, 'Unauthorized'],
      ['200', 200, 'OK'],
    ])
    expect(basic.request.examples[1]!.body).toContain('authenticated')
    const withExamples = requests(result).filter((r) => r.request.examples.length > 0)
    expect(withExamples.map((r) => r.name)).toEqual([
      'DigestAuth Success',
      'Basic Auth',
      'Set Cookies',
      'Get Cookies',
      'Delete Cookies',
      'OAuth2.0 Get Access Token',
      'OAuth2.0 Get Resource',
    ])
    // Exported to Postman and imported again: every example is the same.
    const exported = exportPostman(result.collections[0]!, { includeSecrets: true })
    const again = await importText(exported.text)
    const examplesOf = (r: typeof result) => Object.fromEntries(requests(r).map((i) => [i.name, i.request.examples]))
    expect(examplesOf(again)).toEqual(examplesOf(result))
  })
})
