import { describe, expect, it } from 'vitest'
import type { CollectionTree } from '../collection.js'
import type { Environment } from '../environment.js'
import { ImportBuilder } from '../convert/import-builder.js'
import { everyFieldTree } from '../convert/test-support/every-field-tree.js'
import { AUTH_TYPES, BODY_KINDS, type OAuth2Config, type RequestSpec } from '../request-spec.js'
import { loadWorkspaceFiles } from './load-files.js'
import { filesOfCollection, filesOfEnvironment, secretsOfCollection, secretsOfEnvironment } from './write-files.js'

const FILE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e'

/** The shared every-field collection, plus what it leaves out: examples, realtime, retry, file refs, secrets in a folder. */
function handMade(): CollectionTree {
  const base = everyFieldTree()
  const b = new ImportBuilder('courier-workspace', 'test')
  const tree = b.collection('Hand made', { auth: { type: 'inherit' } })
  const folder = b.folder(tree, null, {
    name: 'Sessions',
    description: 'Line one\nline two\n\n  indented, trailing spaces   \n',
    auth: { type: 'none' },
    variables: [
      { name: 'apiKey', value: 'folder-secret', enabled: true, secret: true },
      { name: 'off', value: '', enabled: false, secret: true },
    ],
    scripts: { preRequest: '\n  // starts with a blank line\n', test: 'x\r\ny' },
  })
  const deeper = b.folder(tree, folder, { name: 'Deeper' })
  const deepest = b.folder(tree, deeper, { name: 'Deepest', auth: { type: 'bearer', token: 't', prefix: 'Token' } })
  const req = (parent: string | null, name: string, spec: Partial<RequestSpec>) =>
    b.request(
      tree,
      parent,
      name,
      { method: 'GET', url: 'http://127.0.0.1:1/x', auth: { type: 'inherit' }, ...spec },
      name,
    )
  req(deepest, 'websocket', {
    url: 'ws://127.0.0.1:1/ws',
    realtime: {
      kind: 'websocket',
      subprotocols: ['chat', 'json'],
      messages: [
        { id: 'm1', name: 'hello', format: 'json', data: '{\n  "hi": 1\n}' },
        { id: 'm2', name: 'bytes', format: 'binary', data: 'AAEC' },
      ],
      listen: [],
      socketioPath: '/socket.io',
      namespace: '/',
      graphqlProtocol: 'graphql-transport-ws',
      subscriptionUrl: '',
      reconnect: true,
    },
  })
  req(deeper, 'socket.io', {
    realtime: {
      kind: 'socketio',
      subprotocols: [],
      messages: [{ id: 'e1', name: 'emit', format: 'text', data: 'x', event: 'ping', ack: true }],
      listen: ['pong'],
      socketioPath: '/io',
      namespace: '/admin',
      graphqlProtocol: 'graphql-ws',
      subscriptionUrl: 'ws://127.0.0.1:1/sub',
      reconnect: false,
    },
  })
  req(folder, 'subscription', {
    method: 'POST',
    body: { kind: 'graphql', query: 'subscription { tick }', variables: '{}' },
    realtime: {
      kind: 'graphql',
      subprotocols: [],
      messages: [],
      listen: [],
      socketioPath: '/socket.io',
      namespace: '/',
      graphqlProtocol: 'graphql-ws',
      subscriptionUrl: 'ws://127.0.0.1:1/graphql',
      reconnect: true,
    },
  })
  req(folder, 'sse', {
    realtime: {
      kind: 'sse',
      subprotocols: [],
      messages: [],
      listen: [],
      socketioPath: '/socket.io',
      namespace: '/',
      graphqlProtocol: 'graphql-transport-ws',
      subscriptionUrl: '',
      reconnect: false,
    },
  })
  req(folder, 'examples and retry', {
    method: 'POST',
    body: { kind: 'form', fields: [['q', 'a b', true]], spaceAs: '%20' },
    settings: {
      timeoutMs: 1,
      connectTimeoutMs: 2,
      followRedirects: true,
      maxRedirects: 0,
      verifyTls: true,
      useCookieJar: false,
      retry: {
        attempts: 3,
        backoffMs: 0,
        maxBackoffMs: 10,
        onStatuses: [503],
        onNetworkErrors: false,
        respectRetryAfter: false,
      },
      idempotencyKey: true,
      maxResponseBytes: 1024,
      allowLinkLocal: true,
      freshConnection: true,
      pruneBody: false,
      redirectMethod: 'original',
      refererOnRedirect: false,
    },
    captures: [{ variable: 'code', source: 'status', expression: '', scope: 'global', enabled: false }],
    assertions: [
      { enabled: true, source: 'jsonSchema', expression: '', operator: 'valid', value: '{\n  "type": "object"\n}' },
    ],
    examples: [
      {
        name: 'ok',
        status: 201,
        statusText: 'Created',
        headers: [['Content-Type', 'application/json']],
        body: '{\n  "id": 1\n}\n',
        request: { method: 'POST', url: 'http://127.0.0.1:1/x', headers: [['A', 'b']], body: 'q=a%20b' },
      },
      { name: 'plain', status: 200, statusText: '', headers: [], body: '' },
    ],
  })
  req(null, 'files', {
    method: 'POST',
    body: {
      kind: 'multipart',
      parts: [
        {
          kind: 'file',
          name: 'f',
          enabled: true,
          file: { fileId: FILE_ID, filename: 'a.bin', contentType: 'application/octet-stream', size: 3 },
          source: './a.bin',
          filename: 'renamed.bin',
          contentType: 'image/png',
          headers: [['X-Part', '1']],
        },
        {
          kind: 'text',
          name: 'csv',
          value: 'a,b\n1,2\n',
          enabled: true,
          filename: 'r.csv',
          contentType: 'text/csv',
          headers: [],
        },
      ],
    },
  })
  req(null, 'binary file', {
    method: 'PUT',
    body: {
      kind: 'binary',
      file: { fileId: FILE_ID, filename: 'b', contentType: 'text/plain' },
      contentType: 'text/plain',
      source: 'b.txt',
    },
    auth: { type: 'bearer', token: '{{t}}', prefix: '' },
  })
  req(null, 'graphql named', {
    method: 'POST',
    body: { kind: 'graphql', query: 'query A { a }\nquery B { b }', variables: '', operationName: 'B' },
    auth: { type: 'oauth2', config: { ...OAUTH2_DEVICE } },
  })
  req(null, 'tricky strings', {
    method: 'get',
    url: ' {{base}}/#yes: no',
    headers: [
      ['X-Yes', 'yes', true],
      ['X-Null', 'null', true],
      ['X-Num', '0x1F', true],
      ['X-Colon', 'a: b # c', true],
      ['X-Quote', '"\'', true],
      ['X-Unicode', 'héllo ✓', true],
      ['X-Empty', '', false],
    ],
    cookies: 'a=1; b=2',
    body: { kind: 'raw', text: '\ttab first\nno newline at end', contentType: 'text/plain' },
  })
  // Two requests with the same name and one named like the folder's own file: unique by id.
  req(deepest, 'Same', {})
  req(deepest, 'same', {})
  req(deepest, 'Folder', {})
  // The shared every-field collection's items, under a folder of this one.
  const shared = b.folder(tree, null, { ...base, name: base.name })
  const map = new Map<string, string>([[base.id, shared]])
  for (const item of [...base.items].sort((x, y) => x.position - y.position))
    if (item.kind === 'folder') map.set(item.id, b.folder(tree, map.get(item.parentId ?? base.id)!, item))
    else req(map.get(item.parentId ?? base.id)!, item.name, item.request)
  return b.result().collections[0]!
}

const OAUTH2_DEVICE: OAuth2Config = {
  grant: 'device_code',
  issuer: '',
  authUrl: '',
  tokenUrl: '',
  deviceAuthUrl: 'https://id.test/device',
  clientId: '',
  clientSecret: '',
  clientAuth: 'none',
  scope: '',
  audience: 'aud',
  resource: 'res',
  redirectUri: '',
  pkceMethod: 'plain',
  username: 'u',
  password: 'p',
  authParams: [['prompt', 'login']],
  tokenParams: [],
  tokenKey: 'mine',
  headerPrefix: 'Token',
  autoRefresh: true,
}

const sortItems = (tree: CollectionTree): CollectionTree => ({
  ...tree,
  items: [...tree.items].sort((a, b) => (a.id < b.id ? -1 : 1)),
})

describe('a hand-made collection using every field of the model', () => {
  const tree = handMade()
  const files = filesOfCollection(tree)
  const requests = tree.items.flatMap((i) => (i.kind === 'request' ? [i.request] : []))

  it('really covers every auth type, body kind and realtime kind', () => {
    const auths = new Set([
      ...requests.map((r) => r.auth.type),
      ...tree.items.flatMap((i) => (i.kind === 'folder' ? [i.auth.type] : [])),
    ])
    expect([...AUTH_TYPES].filter((t) => !auths.has(t))).toEqual([])
    expect([...BODY_KINDS].filter((k) => !requests.some((r) => r.body.kind === k))).toEqual([])
    expect(new Set(requests.flatMap((r) => (r.realtime ? [r.realtime.kind] : [])))).toEqual(
      new Set(['websocket', 'socketio', 'sse', 'graphql']),
    )
    expect(requests.some((r) => r.examples.length > 0 && r.captures.length > 0 && r.settings.retry)).toBe(true)
  })

  it('model → files → model is deep-equal (secrets given back by name) and files → load → files byte-identical', () => {
    const loaded = loadWorkspaceFiles(files, { secrets: secretsOfCollection(tree) })
    expect(loaded.problems).toEqual([])
    expect(sortItems(loaded.collections[0]!)).toEqual(sortItems(tree))
    expect(filesOfCollection(loaded.collections[0]!)).toEqual(files)
  })

  it('writes no secret value, and without the sealed values the secrets load empty, flagged', () => {
    const all = files.map((f) => f.text).join('\n')
    expect(all).not.toContain('folder-secret')
    expect(all).not.toContain('s3cr3t')
    const loaded = loadWorkspaceFiles(files).collections[0]!
    const sessions = loaded.items.find((i) => i.name === 'Sessions')!
    expect(sessions.kind === 'folder' && sessions.variables[0]).toEqual({
      name: 'apiKey',
      value: '',
      enabled: true,
      secret: true,
    })
    const shared = loaded.items.find((i) => i.name === 'Every field')!
    expect(shared.kind === 'folder' && shared.variables.find((v) => v.name === 'token')).toEqual({
      name: 'token',
      value: '',
      enabled: true,
      secret: true,
    })
  })

  it('lays out folders in folders, slugs names and makes collisions unique by id', () => {
    const paths = files.map((f) => f.path)
    expect(paths).toContain('collections/hand-made/collection.yaml')
    expect(paths).toContain('collections/hand-made/sessions/folder.yaml')
    expect(paths).toContain('collections/hand-made/sessions/deeper/deepest/folder.yaml')
    expect(paths).toContain('collections/hand-made/sessions/deeper/deepest/websocket.yaml')
    expect(paths).toContain('collections/hand-made/every-field/users/inner/multipart.yaml')
    const same = tree.items
      .filter((i) => i.name.toLowerCase() === 'same')
      .map((i) => i.id)
      .sort()
    expect(paths).toContain('collections/hand-made/sessions/deeper/deepest/same.yaml')
    expect(paths).toContain(`collections/hand-made/sessions/deeper/deepest/same-${same[1]}.yaml`)
    const folderRequest = tree.items.find((i) => i.name === 'Folder')!
    expect(paths).toContain(`collections/hand-made/sessions/deeper/deepest/folder-${folderRequest.id}.yaml`)
    expect(new Set(paths).size).toBe(paths.length)
    // The same names in another order give the same paths.
    expect(
      filesOfCollection({ ...tree, items: [...tree.items].reverse() })
        .map((f) => f.path)
        .sort(),
    ).toEqual([...paths].sort())
  })

  it('writes stable text: courier, id, name first, method and url before headers, long strings as block scalars', () => {
    const text = files.find((f) => f.path.endsWith('/examples-and-retry.yaml'))!.text
    expect(text.split('\n').slice(0, 5)).toEqual([
      'courier: 1',
      expect.stringMatching(/^id: /),
      'name: examples and retry',
      'method: POST',
      'url: http://127.0.0.1:1/x',
    ])
    expect(text).toContain('body: |\n      {\n        "id": 1\n      }\n')
    expect(text).not.toMatch(/version:|updatedAt|position|1970/)
    const folder = files.find((f) => f.path === 'collections/hand-made/sessions/folder.yaml')!.text
    expect(folder).toMatch(/^description: \|/m)
    expect(folder).toMatch(/^order:\n {2}- /m)
    // Changing one header changes one line.
    const item = tree.items.find((i) => i.name === 'tricky strings')!
    if (item.kind !== 'request') throw new Error('a request')
    const changed = {
      ...item,
      request: {
        ...item.request,
        headers: item.request.headers.map((h) => (h[0] === 'X-Num' ? (['X-Num', '2', true] as const) : h)),
      },
    }
    const next = filesOfCollection({
      ...tree,
      items: tree.items.map((i) => (i === item ? changed : i)),
    } as CollectionTree)
    const before = files.find((f) => f.path.endsWith('/tricky-strings.yaml'))!.text.split('\n')
    const after = next.find((f) => f.path.endsWith('/tricky-strings.yaml'))!.text.split('\n')
    expect(after.length).toBe(before.length)
    expect(after.filter((line, i) => line !== before[i])).toEqual(['  - [ X-Num, "2", true ]'])
  })

  it('leaves out defaults only where loading restores them (an oauth2 config keeps only what differs)', () => {
    const text = files.find((f) => f.path.endsWith('/graphql-named.yaml'))!.text
    expect(text).toContain('grant: device_code')
    expect(text).not.toContain('tokenUrl')
    expect(text).toContain('tokenKey: mine')
  })
})

describe('environments as files', () => {
  const env: Environment = {
    id: 'e1',
    name: 'Staging',
    version: 7,
    updatedAt: '2026-01-01T00:00:00.000Z',
    variables: [
      { name: 'host', value: 'https://staging.test', enabled: true, secret: false },
      { name: 'apiKey', value: 'sk_live_123', enabled: true, secret: true, valueHidden: false },
      { name: 'old', value: 'x', enabled: false, secret: false },
    ],
    currentValues: [{ name: 'host', value: 'mine' }],
  }

  it('writes environments/staging.yaml without the secret value, and loads it back with the sealed one', () => {
    const file = filesOfEnvironment(env)
    expect(file).toEqual({
      path: 'environments/staging.yaml',
      text:
        'courier: 1\nid: e1\nname: Staging\nvariables:\n  - name: host\n    value: https://staging.test\n' +
        '  - name: apiKey\n    secret: true\n  - name: old\n    value: x\n    enabled: false\n',
    })
    const loaded = loadWorkspaceFiles([file], { secrets: secretsOfEnvironment(env) })
    expect(loaded.problems).toEqual([])
    expect(loaded.environments).toEqual([
      {
        id: 'e1',
        name: 'Staging',
        version: 1,
        updatedAt: '1970-01-01T00:00:00.000Z',
        variables: env.variables.map(({ name, value, enabled, secret }) => ({ name, value, enabled, secret })),
      },
    ])
    expect(filesOfEnvironment(loaded.environments[0]!)).toEqual(file)
  })
})
