import { readFileSync } from 'node:fs'
import { validate } from '@readme/openapi-parser'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { importText } from '../import-text.js'
import { exportOpenApi } from './export-openapi.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

describe('OpenAPI import', () => {
  it('imports petstore-expanded: server as {{baseUrl}}, path params, query params, JSON body from the schema', async () => {
    const result = await importText(fixture('petstore-expanded.yaml'))
    expect(result.report).toMatchObject({
      format: 'openapi',
      formatLabel: 'OpenAPI 3.0.0',
      counts: { collections: 1, requests: 4 },
    })
    const c = result.collections[0]!
    expect(c.variables.find((v) => v.name === 'baseUrl')?.value).toBe('https://petstore.swagger.io/v2')
    const requests = c.items.filter((i) => i.kind === 'request')
    const find = requests.find(
      (i) => i.kind === 'request' && i.request.method === 'GET' && i.request.url.includes('{id}'),
    )
    expect(find?.kind === 'request' && find.request.pathParams).toEqual([['id', '0']])
    const list = requests.find(
      (i) => i.kind === 'request' && i.request.method === 'GET' && !i.request.url.includes('{id}'),
    )
    expect(list?.kind === 'request' && list.request.params.map((p) => p[0])).toEqual(['tags', 'limit'])
    const add = requests.find((i) => i.kind === 'request' && i.request.method === 'POST')
    expect(add?.kind === 'request' && add.request.body.kind).toBe('json')
    expect(add?.kind === 'request' && add.request.body.kind === 'json' && JSON.parse(add.request.body.text)).toEqual({
      name: 'string',
      tag: 'string',
    })
  })

  it('imports every OAI example spec, tags as folders, with a report', async () => {
    for (const name of [
      'petstore.yaml',
      'petstore-expanded.yaml',
      'uspto.yaml',
      'api-with-examples.yaml',
      'link-example.yaml',
      'callback-example.yaml',
    ]) {
      const result = await importText(fixture(name))
      expect(result.report.counts.requests, name).toBeGreaterThan(0)
    }
    const uspto = await importText(fixture('uspto.yaml'))
    expect(uspto.collections[0]!.items.filter((i) => i.kind === 'folder').map((f) => f.name)).toEqual([
      'metadata',
      'search',
    ])
    // Server variables become collection variables with their defaults.
    expect(uspto.collections[0]!.variables.find((v) => v.name === 'scheme')?.value).toBe('https')
    const callbacks = await importText(fixture('callback-example.yaml'))
    expect(callbacks.report.skipped.map((s) => s.what)).toContain('callback onData')
  })

  it('maps security schemes to auth with {{variables}}, and Swagger 2 too', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 'Legacy', version: '1' },
      host: 'api.example.com',
      basePath: '/v1',
      schemes: ['https'],
      securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, basic: { type: 'basic' } },
      security: [{ key: [] }],
      paths: {
        '/items/{id}': {
          get: {
            tags: ['items'],
            parameters: [{ name: 'id', in: 'path', required: true, type: 'string', 'x-example': 'abc' }],
            responses: { 200: { description: 'ok' } },
          },
          put: {
            security: [{ basic: [] }],
            consumes: ['application/x-www-form-urlencoded'],
            parameters: [
              { name: 'id', in: 'path', required: true, type: 'string' },
              { name: 'title', in: 'formData', type: 'string', default: 'T' },
            ],
            responses: { 200: { description: 'ok' } },
          },
        },
      },
    }
    const result = await importText(JSON.stringify(swagger))
    const c = result.collections[0]!
    expect(result.report.format).toBe('swagger')
    expect(c.auth).toEqual({ type: 'apikey', name: 'X-API-Key', value: '{{apiKey}}', in: 'header' })
    expect(c.variables.map((v) => v.name).sort()).toEqual(['apiKey', 'baseUrl', 'password', 'username'])
    expect(c.variables.find((v) => v.name === 'baseUrl')?.value).toBe('https://api.example.com/v1')
    const put = c.items.find((i) => i.kind === 'request' && i.request.method === 'PUT')
    expect(put?.kind === 'request' && put.request.auth).toEqual({
      type: 'basic',
      username: '{{username}}',
      password: '{{password}}',
    })
    expect(put?.kind === 'request' && put.request.body).toEqual({ kind: 'form', fields: [['title', 'T', true]] })
    const get = c.items.find((i) => i.kind === 'request' && i.request.method === 'GET')
    expect(get?.kind === 'request' && get.request.pathParams).toEqual([['id', 'abc']])
  })

  it('never follows an external $ref (no file or network read)', async () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'Ext', version: '1' },
      paths: {
        '/a': { get: { parameters: [{ $ref: 'file:///etc/passwd#/x' }], responses: { 200: { description: 'ok' } } } },
      },
    }
    const result = await importText(JSON.stringify(spec))
    expect(JSON.stringify(result)).not.toContain('root:')
    expect(result.report.counts.requests).toBe(1)
  })
})

describe('OpenAPI 3.1 skeleton export', () => {
  it('exports a collection the OpenAPI parser accepts, and it imports back with the same operations', async () => {
    const imported = await importText(fixture('petstore-expanded.yaml'))
    const file = exportOpenApi(imported.collections[0]!)
    const doc = parse(file.text)
    const check = await validate(structuredClone(doc))
    expect(check.valid ? [] : check.errors).toEqual([])
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(['/pets', '/pets/{id}'])
    const again = await importText(file.text)
    expect(again.report.counts.requests).toBe(4)
  })

  it('never puts a secret header value or a secret variable into the document', async () => {
    const imported = await importText(fixture('petstore-expanded.yaml'))
    const tree = imported.collections[0]!
    const withSecrets = {
      ...tree,
      // The description lists the servers (public URLs); this test is about variable values.
      description: '',
      variables: tree.variables.map((v) => ({ ...v, secret: true })),
      items: tree.items.map((item) =>
        item.kind === 'request'
          ? {
              ...item,
              request: {
                ...item.request,
                headers: [...item.request.headers, ['X-API-Key', 'k-literal-123', true] as [string, string, boolean]],
              },
            }
          : item,
      ),
    }
    const text = exportOpenApi(withSecrets as typeof tree).text
    expect(text).toContain('X-API-Key')
    expect(text).not.toContain('k-literal-123')
    for (const v of tree.variables) if (v.value) expect(text).not.toContain(v.value)
  })
})
