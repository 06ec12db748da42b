import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { localServicesOptions, openServices } from '../services.js'
import { cleanEnv, runCommand as spawnCommand } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream } from '../test/upstream.js'
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

function collection(name: string, items: unknown[]) {
  return { info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items }
}

const get = (name: string, url: string, ...test: string[]) => ({
  name,
  event: test.length ? [{ listen: 'test', script: { exec: test } }] : [],
  request: { method: 'GET', url },
})

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('courier run: exit codes, files and reporters', () => {
  it('exits 0 when everything passed, writing the reporters and the environment as the run left it', async () => {
    const upstream = await startUpstream((_request, response) => response.end('{"id":7}'))
    const dir = tempDataDir()
    const file = join(dir, 'ok.json')
    writeFileSync(
      file,
      JSON.stringify(
        collection('Ok', [
          get(
            'One',
            '{{base}}/one',
            "pm.test('has id', () => pm.expect(pm.response.json().id).to.equal(7))",
            "pm.environment.set('seen', 'yes')",
          ),
        ]),
      ),
    )
    const junit = join(dir, 'out', 'run.xml')
    const result = await courier([
      file,
      '--env-var',
      `base=${upstream.url('').replace(/\/$/, '')}`,
      '-r',
      'cli,junit,csv',
      '--reporter-junit-export',
      junit,
      '--reporter-csv-export',
      join(dir, 'run.csv'),
      '--export-environment',
      join(dir, 'env.json'),
    ])
    expect(result.err).not.toMatch(/courier run:/)
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/→ One\n {2}GET http:\/\/127\.0\.0\.1:\d+\/one \[200 OK, 8 B, \d+ms\]\n {2}✓ has id/)
    expect(result.out).toMatch(/│\s+assertions │\s+1 │\s+0 │/)
    expect(result.out).toMatch(/│\s+test-scripts │\s+1 │\s+0 │/)
    expect(result.out).not.toContain('\u001b[')
    expect(readFileSync(junit, 'utf8')).toContain('<testcase name="has id"')
    expect(readFileSync(join(dir, 'run.csv'), 'utf8').split('\r\n')[1]).toMatch(
      /^1,Ok,One,GET,http:.*,OK,200,\d+,8,1,0,0$/,
    )
    const env = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8'))
    expect(env.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'seen', value: 'yes' }),
        expect.objectContaining({ key: 'base' }),
      ]),
    )
  })

  it('exits 1 on a failed test; --bail stops there, and --color on paints', async () => {
    const upstream = await startUpstream((_request, response) => response.end('{}'))
    const dir = tempDataDir()
    const file = join(dir, 'bad.json')
    const base = upstream.url('').replace(/\/$/, '')
    writeFileSync(
      file,
      JSON.stringify(
        collection('Bad', [
          get('First', `${base}/a`, "pm.test('fails', () => pm.expect(1).to.equal(2))"),
          get('Second', `${base}/b`),
        ]),
      ),
    )
    const result = await courier([file, '--bail', '--color', 'on'])
    expect(result.code).toBe(1)
    expect(upstream.received.map((r) => r.url)).toEqual(['/a'])
    expect(result.out).toContain('\u001b[31m✗ 1. fails\u001b[0m')
    expect(result.out).toMatch(/1\.\s+\S*AssertionError\S*\s+fails\n\s+expected 1 to equal 2/)
  })

  it('exits 2 on bad usage, naming the flag', async () => {
    const unknown = await courier(['c.json', '--nope'])
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('does not know the flag --nope')])
    const number = await courier(['c.json', '-n', 'many'])
    expect([number.code, number.err]).toEqual([2, expect.stringContaining('-n/--iteration-count takes a whole number')])
    const reporter = await courier(['c.json', '--reporters', 'cli,xml'])
    expect([reporter.code, reporter.err]).toEqual([2, expect.stringContaining('no reporter “xml”')])
    expect((await courier([])).code).toBe(2)
    expect((await courier(['Saved', '-k'])).err).toContain('-k/--insecure works with a collection file')
    expect((await courier(['Saved', '--ignore-redirects'])).err).toContain(
      '--ignore-redirects works with a collection file',
    )
    expect((await courier(['Saved', '--export-environment', 'env.json'])).err).toContain('add --keep-variables')
  })

  it('exits 3 for a bad collection, environment or data file', async () => {
    const dir = tempDataDir()
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text)
      return join(dir, name)
    }
    const ok = write('ok.json', JSON.stringify(collection('Ok', [get('One', 'http://127.0.0.1:1/')])))
    const cases: [string[], RegExp][] = [
      [[join(dir, 'absent.json')], /absent\.json does not exist/],
      [[write('broken.json', '{"info": ')], /is not JSON/],
      [
        [write('openapi.json', JSON.stringify({ openapi: '3.0.0', info: { title: 'x', version: '1' }, paths: {} }))],
        /is not a Postman v2.0\/v2.1 collection/,
      ],
      [[ok, '-d', write('rows.json', '{"id": 1}')], /must hold a JSON array/],
      [[ok, '-e', write('env.json', '[]')], /is not a Postman environment export/],
      [[ok, '--folder', 'Nowhere'], /No folder named or with id “Nowhere”/],
      [['No such saved one', '--data-dir', join(dir, 'data')], /No collection named or with id “No such saved one”/],
    ]
    for (const [args, message] of cases) {
      const result = await courier(args)
      expect([args, result.code, result.err]).toEqual([args, 3, expect.stringMatching(message)])
    }
  })

  it('exits 4 when the --server cannot be reached', async () => {
    const result = await courier(['Shop', '--server', `http://127.0.0.1:${await closedPort()}`, '--token', 't'])
    expect(result.code).toBe(4)
    expect(result.err).toMatch(/Could not reach http:\/\/127\.0\.0\.1:\d+/)
  })

  it('runs a saved collection by name with a saved environment, and its data file rows', async () => {
    const upstream = await startUpstream((_request, response) => response.end('ok'))
    const dataDir = tempDataDir()
    const config = loadConfig({ dataDir }, {})
    const services = await openServices(localServicesOptions(config, () => 0))
    try {
      const saved = await services.store.collections.create('Saved')
      await services.store.collections.createItem({
        kind: 'request',
        collectionId: saved.id,
        name: 'Ping',
        request: { method: 'GET', url: '{{base}}/ping/{{id}}' } as never,
      })
      await services.store.environments.create('local', [
        { name: 'base', value: upstream.url('').replace(/\/$/, ''), enabled: true, secret: false },
      ])
    } finally {
      await services.close()
    }
    const rows = join(dataDir, 'rows.csv')
    writeFileSync(rows, 'id\n1\n2\n')
    const result = await courier(['Saved', '-e', 'local', '-d', rows, '--data-dir', dataDir])
    expect(result.err).toBe('')
    expect(result.code).toBe(0)
    expect(upstream.received.map((r) => r.url)).toEqual(['/ping/1', '/ping/2'])
    expect(result.out).toContain('Iteration 2/2')
  })

  it('documents the exit codes in courier --help, from the real command', async () => {
    const help = await spawnCommand(
      join(packageDir, 'node_modules/.bin/tsx'),
      ['src/cli.ts', '--help'],
      packageDir,
      cleanEnv({}),
    )
    expect(help.status).toBe(0)
    expect(help.output).toMatch(/Exit codes: 0 all passed; 1 a test or request failed; 2 bad usage/)
    const bad = await spawnCommand(
      join(packageDir, 'node_modules/.bin/tsx'),
      ['src/cli.ts', 'run', 'x.json', '--delay-request', '-5'],
      packageDir,
      cleanEnv({}),
    )
    expect(bad.status).toBe(2)
    expect(bad.output).toContain('--delay-request')
  })
})
