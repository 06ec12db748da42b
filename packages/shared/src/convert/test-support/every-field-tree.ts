import type { CollectionTree } from '../../collection.js'
import type { RequestSpecInput } from '../../request-spec.js'
import { ImportBuilder } from '../import-builder.js'

const base = (extra: Partial<RequestSpecInput>): RequestSpecInput => ({
  method: 'POST',
  url: '{{base}}/items',
  auth: { type: 'inherit' },
  ...extra,
})

/**
 * A collection that uses every field of Courier's model at least once, for round trips through
 * other formats: nested folders, each body kind, each auth type, settings, scripts, checks, captures.
 */
export function everyFieldTree(): CollectionTree {
  const b = new ImportBuilder('courier-workspace', 'test')
  const tree = b.collection('Every field', {
    description: 'The collection',
    auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' },
    headers: [
      ['X-Team', 'core', true],
      ['X-Off', 'no', false],
    ],
    variables: [
      { name: 'base', value: 'http://127.0.0.1:1', enabled: true, secret: false },
      { name: 'token', value: 's3cr3t', enabled: true, secret: true },
      { name: 'unused', value: 'x', enabled: false, secret: false },
    ],
    scripts: {
      preRequest: 'pm.environment.set("a", "1")',
      test: 'pm.test("ok", () => pm.response.to.have.status(200))',
    },
  })
  const folder = b.folder(tree, null, {
    name: 'Users',
    description: 'A folder',
    auth: { type: 'basic', username: 'ann', password: 'pw' },
    headers: [['X-Folder', 'f', true]],
    variables: [{ name: 'userId', value: '7', enabled: true, secret: false }],
    scripts: { preRequest: 'console.log("folder")', test: '' },
  })
  const inner = b.folder(tree, folder, { name: 'Inner', auth: { type: 'inherit' } })
  const req = (parent: string | null, name: string, spec: RequestSpecInput) => b.request(tree, parent, name, spec, name)
  req(
    folder,
    'json',
    base({
      body: { kind: 'json', text: '{\n  "a": 1\n}' },
      headers: [
        ['Accept', 'application/json', true],
        ['X-Off', '1', false],
      ],
    }),
  )
  req(folder, 'query and path', {
    method: 'GET',
    url: '{{base}}/users/:id?page=2&q=a%20b',
    params: [
      ['page', '2', true],
      ['q', 'a b', true],
      ['off', 'x', false],
    ],
    pathParams: [['id', '{{userId}}']],
    auth: { type: 'none' },
  })
  req(
    inner,
    'form',
    base({
      body: {
        kind: 'form',
        fields: [
          ['a', '1', true],
          ['b', 'two words', false],
        ],
      },
    }),
  )
  req(
    inner,
    'multipart',
    base({
      body: {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'note', value: 'hi', enabled: true, headers: [] },
          { kind: 'text', name: 'meta', value: '{}', enabled: false, contentType: 'application/json', headers: [] },
          { kind: 'file', name: 'upload', enabled: true, file: null, headers: [] },
        ],
      },
    }),
  )
  req(
    null,
    'raw text',
    base({
      body: { kind: 'raw', text: 'hello', contentType: 'text/plain' },
      auth: { type: 'apikey', name: 'X-Key', value: 'k', in: 'header' },
    }),
  )
  req(
    null,
    'raw xml',
    base({
      body: { kind: 'raw', text: '<a/>', contentType: 'application/xml' },
      auth: { type: 'apikey', name: 'key', value: 'k', in: 'query' },
    }),
  )
  req(
    null,
    'graphql',
    base({
      body: { kind: 'graphql', query: 'query Q { a }', variables: '{\n  "x": 1\n}' },
      auth: { type: 'digest', username: 'd', password: 'p' },
    }),
  )
  req(null, 'binary', base({ method: 'PUT', body: { kind: 'binary', file: null } }))
  req(null, 'custom method', { method: 'PURGE', url: '{{base}}/cache', auth: { type: 'none' } })
  req(null, 'oauth2', {
    method: 'GET',
    url: '{{base}}/me',
    auth: {
      type: 'oauth2',
      config: {
        grant: 'authorization_code_pkce',
        authUrl: 'https://id.test/auth',
        tokenUrl: 'https://id.test/token',
        clientId: 'app',
        clientSecret: 'shh',
        clientAuth: 'client_secret_post',
        scope: 'read',
        redirectUri: 'http://localhost/cb',
        headerPrefix: 'Bearer',
        autoRefresh: false,
      },
    },
  })
  req(null, 'aws signature', {
    method: 'GET',
    url: '{{base}}/aws',
    auth: {
      type: 'awsv4',
      config: { accessKey: 'AKID', secretKey: 'aws-secret', sessionToken: 'tok', region: 'eu-west-1', service: 's3' },
    },
  })
  req(null, 'oauth 1', {
    method: 'GET',
    url: '{{base}}/oauth1',
    auth: {
      type: 'oauth1',
      config: {
        consumerKey: 'ck',
        consumerSecret: 'cs',
        token: 'tk',
        tokenSecret: 'ts',
        signatureMethod: 'HMAC-SHA256',
        timestamp: '1700000000',
        nonce: 'n0nce',
        realm: 'r',
        callback: 'http://localhost/cb',
        verifier: 'v',
        includeBodyHash: true,
        addTo: 'query',
      },
    },
  })
  req(null, 'settings, scripts, checks', {
    method: 'GET',
    url: '{{base}}/status',
    auth: { type: 'none' },
    settings: { timeoutMs: 5000, followRedirects: false, maxRedirects: 3, verifyTls: false },
    cookies: 'session=abc',
    scripts: { preRequest: 'pm.variables.set("t", Date.now())', test: 'pm.test("fast", () => {})' },
    assertions: [
      { enabled: true, source: 'status', expression: '', operator: 'equals', value: '200' },
      { enabled: true, source: 'json', expression: '$.data.id', operator: 'exists', value: '' },
      { enabled: false, source: 'header', expression: 'content-type', operator: 'contains', value: 'json' },
    ],
    captures: [
      { variable: 'id', source: 'json', expression: '$.data.id', scope: 'environment', enabled: true },
      { variable: 'etag', source: 'header', expression: 'etag', scope: 'environment', enabled: true },
    ],
  })
  return b.result().collections[0]!
}
