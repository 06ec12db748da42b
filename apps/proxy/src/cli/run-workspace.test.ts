import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { importPostmanText } from '@courier/shared/convert/postman'
import { filesOfCollection } from '@courier/shared/workspace-files'
import { describe, expect, it } from 'vitest'
import { cleanEnv, runCommand as spawnCommand } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream, type Upstream } from '../test/upstream.js'
import { runCommand } from './run-command.js'

const packageDir = join(import.meta.dirname, '../..')

async function courier(args: string[]) {
  let out = ''
  let err = ''
  const code = await runCommand(args, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
  })
  return { code, out, err }
}

function write(root: string, path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), text)
}

const request = (id: string, name: string, method: string, path: string, extra = '') =>
  `courier: 1\nid: ${id}\nname: ${name}\nmethod: ${method}\nurl: "{{base}}${path}"\n${extra}`

/**
 * A workspace as the files Courier writes: Shop API with a folder whose `order:` is not the files'
 * alphabetical order, a secret collection variable (no value in the file), a Staging environment.
 */
function workspace(upstream: Upstream): string {
  const root = tempDataDir()
  const base = upstream.url('').replace(/\/$/, '')
  write(
    root,
    'collections/shop-api/collection.yaml',
    'courier: 1\nid: c-shop\nname: Shop API\nvariables:\n  - name: token\n    secret: true\norder:\n  - r-health\n  - f-orders\n  - r-last\n',
  )
  write(root, 'collections/shop-api/health.yaml', request('r-health', 'Health', 'GET', '/health'))
  write(
    root,
    'collections/shop-api/orders/folder.yaml',
    'courier: 1\nid: f-orders\nname: Orders\norder:\n  - r-create\n  - r-list\n',
  )
  write(root, 'collections/shop-api/orders/create.yaml', request('r-create', 'Create order', 'POST', '/orders/create'))
  write(
    root,
    'collections/shop-api/orders/list.yaml',
    request(
      'r-list',
      'List orders',
      'GET',
      '/orders/list',
      "scripts:\n  test: pm.test('listed', () => pm.response.to.have.status(200))\n",
    ),
  )
  write(
    root,
    'collections/shop-api/last.yaml',
    request('r-last', 'Last', 'GET', '/last', 'headers:\n  - [Authorization, "Bearer {{token}}", true]\n'),
  )
  write(
    root,
    'environments/staging.yaml',
    `courier: 1\nid: e-staging\nname: Staging\nvariables:\n  - name: base\n    value: ${base}\n`,
  )
  return root
}

const paths = (upstream: Upstream) => upstream.received.map((r) => `${r.method} ${r.url}`)
const header = (upstream: Upstream, url: string, name: string) =>
  upstream.received.find((r) => r.url === url)?.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]

describe('courier run DIR: a collection straight from workspace files', () => {
  it("runs a collection's folder in the files' order, with an environment of environments/ by name", async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const root = workspace(upstream)
    const result = await courier([join(root, 'collections/shop-api'), '-e', 'staging', '--env-var', 'token=t'])
    expect(result.err).toBe('')
    expect(result.code).toBe(0)
    expect(paths(upstream)).toEqual(['GET /health', 'POST /orders/create', 'GET /orders/list', 'GET /last'])
    expect(result.out).toMatch(/→ List orders {2}\(Orders\)\n.*\n {2}✓ listed/)

    // The environment's file, by its path or its name in environments/.
    for (const e of [join(root, 'environments/staging.yaml'), 'staging.yaml']) {
      const again = await courier([
        join(root, 'collections/shop-api/orders'),
        '-e',
        e,
        '--env-var',
        'token=t',
        '--json',
      ])
      expect(again.code).toBe(0)
      expect((JSON.parse(again.out) as { environment: string }).environment).toBe('Staging')
    }
    // A file from elsewhere in the same format (.yml too).
    const elsewhere = join(tempDataDir(), 'ci.yml')
    writeFileSync(
      elsewhere,
      `courier: 1\nid: e-ci\nname: CI\nvariables:\n  - name: base\n    value: ${upstream.url('').replace(/\/$/, '')}\n`,
    )
    const outside = await courier([join(root, 'collections/shop-api/orders'), '-e', elsewhere, '--json'])
    expect(outside.code).toBe(0)
    expect((JSON.parse(outside.out) as { environment: string }).environment).toBe('CI')
    writeFileSync(elsewhere, 'courier: 1\nid: e-ci\nname: [CI\n')
    const broken = await courier([join(root, 'collections/shop-api/orders'), '-e', elsewhere])
    expect(broken.code).toBe(3)
    expect(broken.err).toContain(`${elsewhere}: The YAML cannot be read at line`)
    expect(paths(upstream)).toHaveLength(10)
    const unknown = await courier([join(root, 'collections/shop-api'), '-e', 'Prod'])
    expect(unknown.code).toBe(3)
    expect(unknown.err).toContain('No environment named “Prod” in')
    expect(unknown.err).toContain('it has “Staging”')
    expect(paths(upstream)).toHaveLength(10)
  })

  it('resolves the workspace’s globals as Courier does, --globals over them; an unrelated unreadable environment does not stop it', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const root = workspace(upstream)
    const base = upstream.url('').replace(/\/$/, '')
    write(
      root,
      'environments/globals.yaml',
      `courier: 1\nid: globals\nname: Globals\nvariables:\n  - name: base\n    value: ${base}\n  - name: team\n    value: from-globals\n`,
    )
    write(root, 'collections/shop-api/health.yaml', request('r-health', 'Health', 'GET', '/health?team={{team}}'))
    write(root, 'environments/broken.yaml', 'courier: 1\nid: e-broken\nname: [Broken\n')
    const plain = await courier([join(root, 'collections/shop-api'), '--env-var', 'token=t'])
    expect(plain.code).toBe(0)
    expect(paths(upstream)[0]).toBe('GET /health?team=from-globals')
    const globalsFile = join(tempDataDir(), 'globals.json')
    writeFileSync(
      globalsFile,
      JSON.stringify({ name: 'g', values: [{ key: 'team', value: 'from-file', enabled: true }] }),
    )
    const layered = await courier([
      join(root, 'collections/shop-api'),
      '-e',
      'Staging',
      '-g',
      globalsFile,
      '--env-var',
      'token=t',
    ])
    expect(layered.code).toBe(0)
    expect(paths(upstream)[4]).toBe('GET /health?team=from-file')
    const chosenBroken = await courier([join(root, 'collections/shop-api'), '-e', 'broken'])
    expect(chosenBroken.code).toBe(3)
    expect(chosenBroken.err).toContain('broken.yaml')
  })

  it('runs only the folder a path inside the collection names, with its report as JSON', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const root = workspace(upstream)
    const result = await courier([join(root, 'collections/shop-api/orders'), '-e', 'Staging', '--json'])
    expect(result.code).toBe(0)
    expect(paths(upstream)).toEqual(['POST /orders/create', 'GET /orders/list'])
    const report = JSON.parse(result.out) as { environment: string; steps: { name: string }[] }
    expect(report.environment).toBe('Staging')
    expect(report.steps.map((s) => s.name)).toEqual(['Create order', 'List orders'])

    // A folder inside a folder: only it, with what it inherits (the Orders folder's header).
    write(
      root,
      'collections/shop-api/orders/folder.yaml',
      'courier: 1\nid: f-orders\nname: Orders\nheaders:\n  - [X-Team, shop, true]\norder:\n  - r-create\n  - r-list\n',
    )
    write(root, 'collections/shop-api/orders/archived/folder.yaml', 'courier: 1\nid: f-archived\nname: Archived\n')
    write(root, 'collections/shop-api/orders/archived/old.yaml', request('r-old', 'Old', 'GET', '/orders/old'))
    const nested = await courier([join(root, 'collections/shop-api/orders/archived'), '-e', 'Staging', '--silent'])
    expect(nested.code).toBe(0)
    expect(paths(upstream)).toEqual(['POST /orders/create', 'GET /orders/list', 'GET /orders/old'])
    expect(header(upstream, '/orders/old', 'x-team')).toBe('shop')
    const notFolder = await courier([join(root, 'collections/shop-api/nothing-here'), '-e', 'Staging'])
    expect(notFolder.code).toBe(3)
    expect(notFolder.err).toContain('nothing-here does not exist (in the workspace')
    mkdirSync(join(root, 'collections/shop-api/empty'))
    const noFile = await courier([join(root, 'collections/shop-api/empty'), '-e', 'Staging'])
    expect(noFile.code).toBe(3)
    expect(noFile.err).toContain('empty is not a folder of the collection: it has no folder.yaml.')
  })

  it('runs the root when it holds one collection, and names the collections when it holds two', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const root = workspace(upstream)
    const one = await courier([
      root,
      '--env-var',
      `base=${upstream.url('').replace(/\/$/, '')}`,
      '--env-var',
      'token=t',
    ])
    expect(one.code).toBe(0)
    expect(paths(upstream)).toHaveLength(4)

    write(root, 'collections/billing/collection.yaml', 'courier: 1\nid: c-billing\nname: Billing\n')
    const two = await courier([root, '-e', 'staging'])
    expect(two.code).toBe(3)
    expect(two.err).toContain('holds 2 collections')
    expect(two.err).toContain(join(root, 'collections/billing'))
    expect(two.err).toContain(join(root, 'collections/shop-api'))
    expect(paths(upstream)).toHaveLength(4)
    // The collections/ folder itself is the workspace too.
    expect((await courier([join(root, 'collections'), '-e', 'staging'])).code).toBe(3)
  })

  it('stops with exit 3 and the file and line of a file it cannot read, before sending anything', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const root = workspace(upstream)
    write(root, 'collections/shop-api/orders/list.yaml', 'courier: 1\nid: r-list\nname: List\nmethod: [GET\n')
    const result = await courier([join(root, 'collections/shop-api'), '-e', 'staging'])
    expect(result.code).toBe(3)
    expect(result.err).toMatch(/courier run: The workspace .* has a file it cannot read; nothing was run:\n/)
    expect(result.err).toMatch(/collections\/shop-api\/orders\/list\.yaml: The YAML cannot be read at line \d/)
    expect(upstream.received).toHaveLength(0)

    // A value that does not fit the model, with its line; and a broken environment file when -e is given.
    write(root, 'collections/shop-api/orders/list.yaml', request('r-list', 'List', 'GET', '/x', 'headers: 7\n'))
    write(root, 'environments/prod.yaml', 'courier: 1\nid: e-prod\nname: Prod\nvariables: 7\n')
    const field = await courier([join(root, 'collections/shop-api')])
    expect(field.code).toBe(3)
    expect(field.err).toMatch(/list\.yaml: The file does not fit Courier's model at line 6: headers/)
    write(root, 'collections/shop-api/orders/list.yaml', request('r-list', 'List', 'GET', '/x'))
    const env = await courier([join(root, 'collections/shop-api/orders'), '-e', 'Prod'])
    expect(env.code).toBe(3)
    expect(env.err).toMatch(/environments\/prod\.yaml: The file does not fit Courier's model at line 4: variables/)
    expect(env.err).not.toContain('list.yaml')
    expect(upstream.received).toHaveLength(0)
  })

  it('takes a secret only from --env-var, and says which secret has no value otherwise', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const root = workspace(upstream)
    const given = await courier([join(root, 'collections/shop-api'), '-e', 'staging', '--env-var', 'token=s3cret'])
    expect(given.code).toBe(0)
    expect(header(upstream, '/last', 'authorization')).toBe('Bearer s3cret')
    const json = await courier([
      join(root, 'collections/shop-api'),
      '-e',
      'staging',
      '--env-var',
      'token=s3cret',
      '--json',
    ])
    expect(json.code).toBe(0)
    expect(json.out).toContain('Authorization')
    expect(json.out).not.toContain('s3cret')

    const missing = await courier([join(root, 'collections/shop-api'), '-e', 'staging', '--silent'])
    expect(missing.code).toBe(0)
    expect(header(upstream, '/last', 'authorization')).toBe('Bearer s3cret') // the first run's
    expect(upstream.received.at(-1)!.headers.find(([n]) => n === 'Authorization')?.[1]).toBe('Bearer')
    const warned = await courier([join(root, 'collections/shop-api/orders'), '-e', 'staging'])
    expect(warned.err).toContain(
      'The secret token of the collection “Shop API” has no value in the files; give it with --env-var token=…',
    )
  })

  it('reuses the run options: --bail stops at a failure with exit 1; a folder not in a workspace is exit 3', async () => {
    const upstream = await startUpstream((request, response) => {
      response.statusCode = request.url === '/orders/create' ? 500 : 200
      response.end('x')
    })
    const root = workspace(upstream)
    const result = await courier([join(root, 'collections/shop-api'), '-e', 'staging', '--bail', '--silent'])
    expect(result.code).toBe(1)
    expect(paths(upstream)).toEqual(['GET /health', 'POST /orders/create'])

    upstream.received.length = 0
    const folder = await courier([join(root, 'collections/shop-api'), '-e', 'staging', '--folder', 'orders', '-n', '2'])
    expect(folder.code).toBe(1)
    expect(paths(upstream)).toEqual([
      'POST /orders/create',
      'GET /orders/list',
      'POST /orders/create',
      'GET /orders/list',
    ])

    const plain = tempDataDir()
    const none = await courier([plain])
    expect(none.code).toBe(3)
    expect(none.err).toContain('not a workspace kept as files')
    const both = await courier([join(root, 'collections/shop-api/orders'), '--folder', 'Orders'])
    expect(both.code).toBe(2)
  })

  it('works from the real command with paths from the folder it runs in, never reading the process environment', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const root = workspace(upstream)
    const tsx = join(packageDir, 'node_modules/.bin/tsx')
    const cli = join(packageDir, 'src/cli.ts')
    const env = cleanEnv({ token: 'from-the-environment', COURIER_DATA_DIR: tempDataDir() })
    const run = await spawnCommand(tsx, [cli, 'run', 'collections/shop-api', '-e', 'staging'], root, env)
    expect(run.output).toContain('The secret token of the collection “Shop API” has no value in the files')
    expect(run.status).toBe(0)
    expect(paths(upstream)).toEqual(['GET /health', 'POST /orders/create', 'GET /orders/list', 'GET /last'])
    expect(header(upstream, '/last', 'authorization')).toBe('Bearer')
    // A bare word: the collections/ folder of the workspace it runs in (one collection).
    const bare = await spawnCommand(tsx, [cli, 'run', 'collections', '-e', 'staging', '--silent'], root, env)
    expect(bare.status).toBe(0)
    expect(paths(upstream)).toHaveLength(8)
    const help = await spawnCommand(tsx, [cli, '--help'], packageDir, cleanEnv({}))
    expect(help.output).toContain('give them with --env-var NAME=value (the process environment is not read)')
  })
})

describe('courier run DIR and a Postman file agree', () => {
  it('sends the same requests for a collection written as workspace files by Courier’s writer', async () => {
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ id: 41, path: request.url }))
    })
    const base = upstream.url('').replace(/\/$/, '')
    const postman = {
      info: { name: 'Agree', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      variable: [{ key: 'base', value: base }],
      auth: { type: 'bearer', bearer: [{ key: 'token', value: 'abc', type: 'string' }] },
      item: [
        {
          name: 'Create',
          event: [
            { listen: 'test', script: { exec: ["pm.environment.set('id', String(pm.response.json().id + 1))"] } },
          ],
          request: {
            method: 'POST',
            url: '{{base}}/items?x=1',
            header: [{ key: 'Content-Type', value: 'application/json' }],
            body: { mode: 'raw', raw: '{"name":"a"}' },
          },
        },
        {
          name: 'Items',
          item: [
            {
              name: 'Get',
              event: [
                {
                  listen: 'test',
                  script: { exec: ["pm.test('id', () => pm.expect(pm.response.code).to.equal(200))"] },
                },
              ],
              request: { method: 'GET', url: '{{base}}/items/{{id}}', header: [{ key: 'X-Trace', value: 't' }] },
            },
            { name: 'Delete', request: { method: 'DELETE', url: '{{base}}/items/{{id}}', auth: { type: 'noauth' } } },
          ],
        },
      ],
    }
    const dir = tempDataDir()
    const file = join(dir, 'agree.postman_collection.json')
    writeFileSync(file, JSON.stringify(postman))
    const tree = importPostmanText(JSON.stringify(postman)).collections[0]!
    const root = join(dir, 'repo')
    for (const f of filesOfCollection(tree)) write(root, f.path, f.text)

    const fromFile = await courier([file, '--json'])
    expect(fromFile.code).toBe(0)
    const sent = upstream.received.splice(0)
    const fromDir = await courier([root, '--json'])
    expect(fromDir.err).toBe('')
    expect(fromDir.code).toBe(0)
    const shape = (list: typeof sent) =>
      list.map((r) => ({
        line: `${r.method} ${r.url}`,
        headers: r.headers.filter(([n]) => !/^(user-agent|connection|host)$/i.test(n)),
        body: r.body.toString(),
      }))
    expect(shape(upstream.received)).toEqual(shape(sent))
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /items?x=1', 'GET /items/42', 'DELETE /items/42'])
    expect(header(upstream, '/items/42', 'authorization')).toBe('Bearer abc')
    expect(header(upstream, '/items/42', 'x-trace')).toBe('t')
    expect(upstream.received[2]!.headers.some(([n]) => n.toLowerCase() === 'authorization')).toBe(false)
    expect(upstream.received[0]!.body.toString()).toBe('{"name":"a"}')
    const steps = (text: string) =>
      (JSON.parse(text) as { steps: { name: string; path: string; passed: boolean }[] }).steps.map(
        ({ name, path, passed }) => ({ name, path, passed }),
      )
    expect(steps(fromDir.out)).toEqual(steps(fromFile.out))
    expect(steps(fromDir.out).map((s) => s.name)).toEqual(['Create', 'Get', 'Delete'])
  })
})
