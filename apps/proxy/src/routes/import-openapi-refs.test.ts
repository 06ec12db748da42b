import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PORT } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

const doFolder = fileURLToPath(
  new URL('../../../../packages/shared/src/convert/fixtures/digitalocean', import.meta.url),
)

function folderFiles(root: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push({ path: relative(root, path), text: readFileSync(path, 'utf8') })
    }
  }
  walk(root)
  return out
}

/** A spec in /api/v1 whose refs reach into ../../models and ./paths, and to places it must not. */
const tree: Record<string, string> = {
  '/api/v1/openapi.yaml': `openapi: 3.0.3
info: { title: Two dirs, version: '1' }
servers:
  - url: 'https://{region}.example.com/v1'
    description: regional
    variables:
      region: { default: eu, enum: [eu, us] }
paths:
  /pets: { $ref: './paths/pets.yaml' }
  /secret:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: 'http://169.254.169.254/latest/meta-data/' }
  /local:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: 'file:///etc/passwd' }
  /courier:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: 'http://127.0.0.1:${TEST_PORT}/api/info' }
`,
  '/api/v1/paths/pets.yaml': `post:
  summary: Add a pet
  requestBody:
    content:
      application/json:
        schema: { $ref: '../../../models/pet.yaml' }
        examples:
          rex: { value: { name: Rex, tag: dog } }
  responses:
    '201':
      description: created
      content:
        application/json:
          schema: { $ref: '../../../models/pet.yaml' }
          examples:
            rex: { value: { id: 1, name: Rex, tag: dog } }
`,
  '/models/pet.yaml': `type: object
required: [name]
properties:
  id: { type: integer, readOnly: true }
  name: { type: string, example: Fido }
  tag: { type: string }
`,
}

describe('OpenAPI import by URL with relative refs', () => {
  it('fetches every referenced file through the engine, across two directories, and refuses metadata, file: and Courier', async () => {
    const app = await buildTestApp()
    const upstream = await startUpstream((request, response) => {
      const body = tree[request.url!]
      if (body === undefined) return response.writeHead(404).end()
      response.setHeader('content-type', 'application/yaml')
      response.end(body)
    })
    const preview = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'url', url: upstream.url('/api/v1/openapi.yaml') } },
    })
    expect(preview.statusCode).toBe(200)
    const result = preview.json()
    // The spec and the two files its refs name, each fetched once.
    expect(upstream.received.map((r) => r.url).sort()).toEqual([
      '/api/v1/openapi.yaml',
      '/api/v1/paths/pets.yaml',
      '/models/pet.yaml',
    ])
    const requests = result.collections[0].items.filter((i: { kind: string }) => i.kind === 'request')
    const add = requests.find((r: { name: string }) => r.name === 'Add a pet')
    expect(JSON.parse(add.request.body.text)).toEqual({ name: 'Rex', tag: 'dog' })
    expect(add.request.examples).toEqual([
      expect.objectContaining({
        name: '201 rex',
        status: 201,
        body: JSON.stringify({ id: 1, name: 'Rex', tag: 'dog' }, null, 2),
        request: expect.objectContaining({ body: JSON.stringify({ name: 'Rex', tag: 'dog' }, null, 2) }),
      }),
    ])
    expect(result.environments).toEqual([
      expect.objectContaining({
        name: 'Two dirs — regional',
        variables: [
          expect.objectContaining({ name: 'baseUrl', value: 'https://{{region}}.example.com/v1' }),
          expect.objectContaining({ name: 'region', value: 'eu' }),
        ],
      }),
    ])
    expect(result.collections[0].description).toContain('`region` (default `eu`), one of `eu`, `us`')
    const refs = result.report.skipped.filter((s: { what: string }) => s.what.startsWith('$ref'))
    const where = `Two dirs › ${upstream.url('/api/v1/openapi.yaml')}`
    expect(refs).toEqual(
      expect.arrayContaining([
        {
          where,
          what: '$ref “http://169.254.169.254/latest/meta-data/”',
          reason: expect.stringMatching(/^Courier's destination policy refuses 169\.254\.169\.254/),
        },
        { where, what: '$ref “file:///etc/passwd”', reason: expect.stringMatching(/names a file on a disk/) },
        {
          where,
          what: `$ref “http://127.0.0.1:${TEST_PORT}/api/info”`,
          reason: expect.stringMatching(/^Courier's destination policy refuses 127\.0\.0\.1/),
        },
      ]),
    )
    expect(refs).toHaveLength(3)
  })

  it('imports the DigitalOcean folder served over HTTP: 6 operations from 35 of its 57 files', async () => {
    const app = await buildTestApp()
    const files = new Map(folderFiles(doFolder).map((f) => [`/do/${f.path}`, f.text]))
    const upstream = await startUpstream((request, response) => {
      const body = files.get(decodeURIComponent(request.url!))
      if (body === undefined) return response.writeHead(404).end()
      response.end(body)
    })
    const preview = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'url', url: upstream.url('/do/DigitalOcean-public.v2.yaml') } },
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.json().report.counts.requests).toBe(6)
    expect(preview.json().report.skipped.filter((s: { what: string }) => s.what.startsWith('$ref'))).toEqual([])
    // Every file but the code samples that only x-codeSamples (an extension Courier does not import) names.
    const fetched = upstream.received.map((r) => decodeURIComponent(r.url)).sort()
    expect(fetched).toEqual([...files.keys()].filter((path) => !path.includes('/examples/')).sort())
    expect(fetched).toHaveLength(35)
  })
})

describe('OpenAPI import of a folder or zip upload', () => {
  it('takes the files of a folder upload and resolves refs only among them', async () => {
    const app = await buildTestApp()
    const preview = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'files', files: folderFiles(doFolder) } },
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.json().report).toMatchObject({ format: 'openapi', counts: { requests: 6, environments: 1 } })
  })

  it('unpacks a zip made by Info-ZIP `zip` and imports it; refuses an entry with ..', async () => {
    const app = await buildTestApp()
    const dir = mkdtempSync(join(tmpdir(), 'courier-zip-'))
    const zipPath = join(dir, 'do.zip')
    execFileSync('zip', ['-qr', zipPath, '.'], { cwd: doFolder })
    const preview = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'zip', base64: readFileSync(zipPath).toString('base64'), name: 'do.zip' } },
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.json().report.counts.requests).toBe(6)

    // Info-ZIP keeps a stored "../" when told to read names from stdin with -@ from a parent dir.
    execFileSync('sh', [
      '-c',
      `cd ${JSON.stringify(doFolder)}/resources && zip -q ${JSON.stringify(join(dir, 'evil.zip'))} ../DigitalOcean-public.v2.yaml`,
    ])
    const listing = execFileSync('unzip', ['-Z1', join(dir, 'evil.zip')], { encoding: 'utf8' })
    expect(listing.trim()).toBe('../DigitalOcean-public.v2.yaml')
    const refused = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'zip', base64: readFileSync(join(dir, 'evil.zip')).toString('base64') } },
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toMatchObject({
      code: 'IMPORT_INVALID',
      message: expect.stringMatching(/climbs out of the upload/),
    })
  })
})
