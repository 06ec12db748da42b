import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CollectionItem } from '../../collection.js'
import { importText } from '../import-text.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const requests = (items: CollectionItem[]) =>
  items.filter((i): i is Extract<CollectionItem, { kind: 'request' }> => i.kind === 'request')

describe('what an OpenAPI import carries: servers, security, examples', () => {
  it('turns each server into an environment with its variables; enums and descriptions go to the description', async () => {
    const uspto = await importText(fixture('uspto.yaml'))
    expect(uspto.environments).toEqual([
      {
        name: 'USPTO Data Set API — {scheme}://developer.uspto.gov/ds-api',
        globals: false,
        variables: [
          { name: 'baseUrl', value: '{{scheme}}://developer.uspto.gov/ds-api', enabled: true, secret: false },
          { name: 'scheme', value: 'https', enabled: true, secret: false },
        ],
      },
    ])
    expect(uspto.collections[0]!.description).toContain(
      '`scheme` (default `https`), one of `https`, `http`: The Data Set API is accessible via https and http',
    )
  })

  it('keeps the spec’s response examples as saved examples (api-with-examples)', async () => {
    const result = await importText(fixture('api-with-examples.yaml'))
    const list = requests(result.collections[0]!.items).find((r) => r.name === 'List API versions')!
    expect(list.request.examples.map((e) => [e.name, e.status])).toEqual([
      ['200 foo', 200],
      ['300 foo', 300],
    ])
    expect(JSON.parse(list.request.examples[0]!.body).versions[0].id).toBe('v2.0')
  })

  it('reports links and callbacks by name (link-example, callback-example)', async () => {
    const links = await importText(fixture('link-example.yaml'))
    expect(links.report.skipped.map((s) => s.what)).toContain('links userRepositories (response 200)')
    const callbacks = await importText(fixture('callback-example.yaml'))
    expect(callbacks.report.skipped.map((s) => s.what)).toContain('callback onData')
  })

  it('maps every security scheme type to auth, and lists flows, scopes and the discovery URL', async () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'Auth zoo', version: '1' },
      paths: Object.fromEntries(
        ['key', 'query', 'cookie', 'basic', 'bearer', 'digest', 'oauth', 'oidc'].map((name) => [
          `/${name}`,
          { get: { summary: name, security: [{ [name]: ['read'] }], responses: { 200: { description: 'ok' } } } },
        ]),
      ),
      components: {
        securitySchemes: {
          key: { type: 'apiKey', in: 'header', name: 'X-Key' },
          query: { type: 'apiKey', in: 'query', name: 'api_key' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
          basic: { type: 'http', scheme: 'basic' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          digest: { type: 'http', scheme: 'digest' },
          oauth: {
            type: 'oauth2',
            flows: {
              authorizationCode: {
                authorizationUrl: 'https://auth.example.com/authorize',
                tokenUrl: 'https://auth.example.com/token',
                scopes: { read: 'Read things', write: 'Write things' },
              },
              clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'Read things' } },
            },
          },
          oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' },
        },
      },
    }
    const result = await importText(JSON.stringify(spec))
    const auth = Object.fromEntries(requests(result.collections[0]!.items).map((r) => [r.name, r.request.auth]))
    expect(auth.key).toEqual({ type: 'apikey', name: 'X-Key', value: '{{apiKey}}', in: 'header' })
    expect(auth.query).toEqual({ type: 'apikey', name: 'api_key', value: '{{apiKey}}', in: 'query' })
    expect(auth.cookie).toEqual({ type: 'none' })
    expect(auth.basic).toEqual({ type: 'basic', username: '{{username}}', password: '{{password}}' })
    expect(auth.bearer).toEqual({ type: 'bearer', token: '{{bearerToken}}', prefix: 'Bearer' })
    expect(auth.digest).toEqual({ type: 'digest', username: '{{username}}', password: '{{password}}' })
    expect(auth.oauth).toMatchObject({
      type: 'oauth2',
      config: {
        grant: 'authorization_code_pkce',
        authUrl: 'https://auth.example.com/authorize',
        tokenUrl: 'https://auth.example.com/token',
        scope: 'read',
      },
    })
    expect(auth.oidc).toMatchObject({ type: 'oauth2', config: { issuer: 'https://id.example.com', scope: 'read' } })
    const reasons = result.report.skipped.map((s) => s.reason)
    expect(reasons).toContain(
      'Scheme “cookie” sends an API key in the cookie “session”; add it in the Cookies field as session={{apiKey}}.',
    )
    expect(reasons.some((r) => /also offers the clientCredentials flow/.test(r))).toBe(true)
    const description = result.collections[0]!.description
    expect(description).toContain('authorization URL https://auth.example.com/authorize')
    expect(description).toContain('`write`: Write things')
    expect(description).toContain('discovery URL https://id.example.com/.well-known/openid-configuration')
    // Credentials are variables the import declares, secrets marked as such.
    const vars = Object.fromEntries(result.collections[0]!.variables.map((v) => [v.name, v.secret]))
    expect(vars).toMatchObject({ apiKey: true, password: true, bearerToken: true, clientSecret: true, clientId: false })
  })

  it('Swagger 2: one environment per scheme, examples per MIME type', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 'Legacy', version: '1' },
      host: 'api.example.com',
      basePath: '/v1',
      schemes: ['https', 'http'],
      paths: {
        '/items': {
          get: {
            summary: 'List items',
            produces: ['application/json'],
            responses: { 200: { description: 'ok', examples: { 'application/json': [{ id: 1 }] } } },
          },
        },
      },
    }
    const result = await importText(JSON.stringify(swagger))
    expect(result.environments.map((e) => e.variables[0]!.value)).toEqual([
      'https://api.example.com/v1',
      'http://api.example.com/v1',
    ])
    const [list] = requests(result.collections[0]!.items)
    expect(list!.request.examples).toEqual([
      expect.objectContaining({ name: '200 application/json', status: 200, body: '[\n  {\n    "id": 1\n  }\n]' }),
    ])
  })

  it('validates a single-file spec against the OpenAPI schema and says what is wrong, importing what it can', async () => {
    const text = `openapi: 3.0.3
info: { title: Broken, version: '1' }
paths:
  /a:
    get:
      summary: No responses
`
    const result = await importText(text)
    expect(result.report.counts.requests).toBe(1)
    expect(result.report.skipped).toContainEqual({
      where: 'Broken',
      what: 'spec validation',
      reason: expect.stringMatching(/^The spec does not validate \(first problem: \/paths\/~1a\/get .*“responses”/),
    })
    const valid = await importText(fixture('petstore.yaml'))
    expect(valid.report.skipped.map((s) => s.what)).not.toContain('spec validation')
  })
})
