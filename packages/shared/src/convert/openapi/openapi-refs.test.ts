import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { zipSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { CollectionItem } from '../../collection.js'
import { importFiles, normaliseImportPath, type ImportFile } from '../import-files.js'
import { ConvertError } from '../import-result.js'
import { ImportBuilder } from '../import-builder.js'
import { importText } from '../import-text.js'
import { resolveRefs } from './resolve-refs.js'
import { unzipImportFiles } from '../unzip-import.js'

const doFolder = fileURLToPath(new URL('../fixtures/digitalocean', import.meta.url))

function folderFiles(root: string, prefix = ''): ImportFile[] {
  const out: ImportFile[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push({ path: prefix + relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') })
    }
  }
  walk(root)
  return out
}

const requests = (items: CollectionItem[]) =>
  items.filter((i): i is Extract<CollectionItem, { kind: 'request' }> => i.kind === 'request')

describe('OpenAPI split over files (DigitalOcean, trimmed)', () => {
  it('imports a folder upload: operations from other files with their bodies, params, examples and auth', async () => {
    const files = folderFiles(doFolder, 'specification/')
    const result = await importFiles(files)
    expect(result.report.formatLabel).toBe('OpenAPI 3.0.0')
    expect(result.report.counts.requests).toBe(6)
    const tree = result.collections[0]!
    expect(tree.name).toBe('DigitalOcean API')
    // info.description is itself a $ref into description.yml
    expect(tree.description).toMatch(/DigitalOcean/)
    expect(tree.auth).toEqual({ type: 'bearer', token: '{{bearerToken}}', prefix: 'Bearer' })
    const all = requests(tree.items)
    const create = all.find((r) => r.name === 'Create a New SSH Key')!
    expect(create.request.method).toBe('POST')
    expect(create.request.url).toBe('{{baseUrl}}/v2/account/keys')
    expect(create.request.body.kind).toBe('json')
    const body = create.request.body.kind === 'json' ? JSON.parse(create.request.body.text) : null
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['name', 'public_key']))
    const get = all.find((r) => r.request.method === 'GET' && r.request.url.includes('{ssh_key_identifier}'))!
    expect(get.request.pathParams.map(([n]) => n)).toEqual(['ssh_key_identifier'])
    const list = all.find((r) => r.name === 'List All SSH Keys')!
    expect(list.request.params.map(([n]) => n)).toEqual(['per_page', 'page'])
    // Response examples written in the spec become saved examples.
    expect(create.request.examples.length).toBeGreaterThan(0)
    const unauthorized = create.request.examples.find((e) => e.status === 401)!
    expect(unauthorized).toMatchObject({
      name: '401 application/json',
      statusText: 'Authentication failed due to invalid credentials.',
      headers: [['Content-Type', 'application/json']],
    })
    expect(JSON.parse(unauthorized.body)).toEqual({ id: 'unauthorized', message: 'Unable to authenticate you.' })
    const listed = list.request.examples.find((e) => e.status === 200)!
    expect(JSON.parse(listed.body)).toHaveProperty('ssh_keys')
    // Servers become environments.
    expect(result.environments).toEqual([
      expect.objectContaining({
        name: 'DigitalOcean API — production',
        variables: [expect.objectContaining({ name: 'baseUrl', value: 'https://api.digitalocean.com' })],
      }),
    ])
    const whats = result.report.skipped.map((s) => s.what)
    expect(whats).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^extension x-codeSamples \(6 operations\)$/),
        'response headers (6 operations)',
      ]),
    )
    expect(whats.some((w) => w.startsWith('links '))).toBe(true)
    expect(result.report.skipped.filter((s) => s.what.startsWith('$ref'))).toEqual([])
  })

  it('reports each file it could not read (which file, which $ref, why) and says the operation is empty', async () => {
    const files = folderFiles(doFolder).filter((f) => f.path !== 'resources/ssh_keys/sshKeys_get.yml')
    const result = await importFiles(files)
    expect(result.report.skipped).toContainEqual({
      where: 'DigitalOcean API › DigitalOcean-public.v2.yaml',
      what: '$ref “resources/ssh_keys/sshKeys_get.yml”',
      reason: 'resources/ssh_keys/sshKeys_get.yml is not in the upload.',
    })
    expect(result.report.skipped.some((s) => s.what === 'operation' && /could not be read/.test(s.reason))).toBe(true)
  })

  it('a pasted spec with refs to other files imports what it can and names every ref it could not follow', async () => {
    const root = readFileSync(join(doFolder, 'DigitalOcean-public.v2.yaml'), 'utf8')
    const result = await importText(root)
    const refs = result.report.skipped.filter((s) => s.what.startsWith('$ref'))
    expect(refs.length).toBe(7)
    expect(refs[0]!.reason).toMatch(/pasted as text; import it by URL or upload its folder/)
  })
})

describe('refs that point outside an upload', () => {
  const spec = (ref: string) => `openapi: 3.0.3
info: { title: Outside, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '${ref}'
`
  it.each([
    ['file:///etc/passwd', /names a file on a disk/],
    [
      'http://169.254.169.254/latest/meta-data/',
      /points to http:\/\/169\.254\.169\.254\/latest\/meta-data\/; an uploaded spec may only reference files uploaded with it/,
    ],
    ['../../../../etc/passwd', /etc\/passwd is not in the upload/],
  ])('refuses %s and reports it', async (ref, reason) => {
    const result = await importFiles([{ path: 'api/openapi.yaml', text: spec(ref) }])
    const line = result.report.skipped.find((s) => s.what === `$ref “${ref}”`)
    expect(line?.where).toBe('Outside › api/openapi.yaml')
    expect(line?.reason).toMatch(reason)
    expect(JSON.stringify(result)).not.toMatch(/root:x:0:0/)
  })
})

describe('zip uploads', () => {
  it('imports a zip of the DigitalOcean folder', async () => {
    const entries = Object.fromEntries(folderFiles(doFolder, 'do/').map((f) => [f.path, strToU8(f.text)]))
    const zip = zipSync({ ...entries, 'do/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]) })
    const { files, skipped } = unzipImportFiles(zip)
    expect(skipped).toEqual([{ path: 'do/logo.png', reason: expect.stringMatching(/not UTF-8 text/) }])
    const result = await importFiles(files, { skipped })
    expect(result.report.counts.requests).toBe(6)
    expect(result.report.skipped[0]).toMatchObject({ where: 'do/logo.png', what: 'file' })
  })

  it('refuses an entry that climbs out with ..', () => {
    const zip = zipSync({ '../evil.yaml': strToU8('openapi: 3.0.0') })
    expect(() => unzipImportFiles(zip)).toThrow(/climbs out of the upload/)
  })

  it('refuses a zip bomb before inflating it', () => {
    const zip = zipSync({ 'zeros.yaml': new Uint8Array(30 * 1024 * 1024) }, { level: 9 })
    expect(zip.length).toBeLessThan(100_000)
    let error: unknown
    try {
      unzipImportFiles(zip)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConvertError)
    expect((error as ConvertError).message).toMatch(/times its packed size; a zip bomb is refused/)
  })

  it('refuses bytes that are not a zip', () => {
    expect(() => unzipImportFiles(strToU8('just text'))).toThrow(/not a readable zip/)
  })

  it('normalises paths and refuses absolute ones', () => {
    expect(normaliseImportPath('a\\b/./c.yaml')).toBe('a/b/c.yaml')
    expect(() => normaliseImportPath('/etc/passwd')).toThrow(/absolute path/)
    expect(() => normaliseImportPath('C:/x.yaml')).toThrow(/absolute path/)
  })
})

describe('importFiles dispatch', () => {
  it('says plainly when no file of the upload is a format it knows', async () => {
    await expect(
      importFiles([
        { path: 'a.txt', text: 'hello' },
        { path: 'b.txt', text: 'world' },
      ]),
    ).rejects.toThrow(/None of the 2 files is a recognised format/)
  })

  it('imports each root spec of an upload, not the files they reference', async () => {
    const pets = `openapi: 3.1.0
info: { title: Pets, version: '1' }
paths:
  /pets: { $ref: 'paths/pets.yaml' }
`
    const shop = `openapi: 3.1.0
info: { title: Shop, version: '1' }
paths:
  /orders: { get: { responses: { '200': { description: ok } } } }
`
    const split = `openapi: 3.1.0
info: { title: Part, version: '1' }
paths:
  /x: { get: { responses: { '200': { description: ok } } } }
`
    const result = await importFiles([
      { path: 'pets.yaml', text: pets },
      { path: 'shop.yaml', text: shop },
      // a referenced file that also looks like a spec is not a root
      {
        path: 'paths/pets.yaml',
        text: `${split}get: { summary: List pets, responses: { '200': { description: ok } } }\n`,
      },
    ])
    expect(result.collections.map((c) => c.name)).toEqual(['Pets', 'Shop'])
    expect(requests(result.collections[0]!.items).map((r) => r.name)).toEqual(['List pets'])
  })

  it('finds a JSON root whose openapi key comes last (as in Stripe’s spec), next to its JSON schemas', async () => {
    const root = JSON.stringify({
      paths: {
        '/charges': {
          post: {
            summary: 'Create a charge',
            requestBody: { content: { 'application/json': { schema: { $ref: './schemas/charge.json' } } } },
            responses: { 200: { description: 'ok' } },
          },
        },
      },
      info: { title: 'Payments', version: '1' },
      openapi: '3.0.0',
    })
    const result = await importFiles([
      { path: 'api/spec.json', text: root },
      {
        path: 'api/schemas/charge.json',
        text: '{"type":"object","properties":{"amount":{"type":"integer","example":100}}}',
      },
    ])
    const [post] = requests(result.collections[0]!.items)
    expect(post!.request.body.kind === 'json' && JSON.parse(post!.request.body.text)).toEqual({ amount: 100 })
  })

  it('resolves recursive schemas across files without looping', async () => {
    const root = `openapi: 3.0.3
info: { title: Tree, version: '1' }
paths:
  /nodes:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: 'schemas/node.yaml' }
      responses: { '200': { description: ok } }
`
    const node = `type: object
properties:
  name: { type: string, example: root }
  children:
    type: array
    items: { $ref: '#' }
`
    const result = await importFiles([
      { path: 'root.yaml', text: root },
      { path: 'schemas/node.yaml', text: node },
    ])
    const [post] = requests(result.collections[0]!.items)
    expect(post!.request.body.kind === 'json' && JSON.parse(post!.request.body.text)).toMatchObject({ name: 'root' })
  })
})

describe('caps on referenced files', () => {
  const root = {
    openapi: '3.0.3',
    info: { title: 'Many', version: '1' },
    paths: Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`/${n}`, { $ref: `paths/${n}.yaml` }])),
  }
  const load = async (location: string) => {
    loaded.push(location)
    return `get: { summary: ${location.split('/').pop()}, responses: { '200': { description: ok } } }\n${'#'.repeat(1000)}`
  }
  let loaded: string[] = []

  it('reads at most maxFiles files and reports the rest', async () => {
    loaded = []
    const builder = new ImportBuilder('openapi', 'OpenAPI 3.0.3')
    await resolveRefs(
      structuredClone(root),
      { location: 'https://api.example.com/spec.yaml', load, maxFiles: 2 },
      builder,
      'Many',
    )
    expect(loaded).toHaveLength(2)
    const refused = builder.skipped.filter((s) => /more than 2 files/.test(s.reason))
    const notRead = ['a', 'b', 'c', 'd'].filter((n) => !loaded.includes(`https://api.example.com/paths/${n}.yaml`))
    expect(refused.map((s) => s.what).sort()).toEqual(notRead.map((n) => `$ref “paths/${n}.yaml”`))
  })

  it('stops at maxBytes in all and reports the rest', async () => {
    loaded = []
    const builder = new ImportBuilder('openapi', 'OpenAPI 3.0.3')
    await resolveRefs(
      structuredClone(root),
      { location: 'https://api.example.com/spec.yaml', load, maxBytes: 2500 },
      builder,
      'Many',
    )
    const refused = builder.skipped.filter((s) => /add up to more than/.test(s.reason))
    expect(refused).toHaveLength(2)
    expect(refused[0]!.where).toBe('Many › https://api.example.com/spec.yaml')
  })
})
