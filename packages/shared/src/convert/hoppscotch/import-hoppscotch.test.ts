import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importText } from '../import-text.js'

// hoppscotch/hoppscotch's CLI test collections and environments (fixtures/README.md).
const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

describe('Hoppscotch import (hoppscotch-cli fixtures)', () => {
  it('reads every fixture collection with its folders and requests', async () => {
    const counts: Record<string, [number, number]> = {
      'coll-v1-req-v0.json': [1, 2],
      'coll-v2-req-v3.json': [1, 2],
      'collection-level-auth-headers-coll.json': [4, 6], // two collections: 3 + 1 folders, 4 + 2 requests
      'collection-with-variables.json': [4, 6],
      'multipart-form-data-coll.json': [0, 1],
      'req-body-env-vars-coll.json': [0, 1],
    }
    for (const [file, [folders, requests]] of Object.entries(counts)) {
      const result = await importText(read(file))
      expect(result.report.format, file).toBe('hoppscotch')
      expect([result.report.counts.folders, result.report.counts.requests], file).toEqual([folders, requests])
    }
  })

  it('reads the first request format (url + path, auth by label) like the current one', async () => {
    const v0 = await importText(read('coll-v1-req-v0.json'))
    const v3 = await importText(read('coll-v2-req-v3.json'))
    const spec = (r: typeof v0) => {
      const item = r.collections[0]!.items.find((i) => i.kind === 'request')
      return item?.kind === 'request' ? item.request : null
    }
    expect(spec(v0)).toMatchObject({
      url: 'https://echo.hoppscotch.io/get?key=value',
      auth: { type: 'bearer', token: 'token123' },
      body: { kind: 'none' },
    })
    expect({ ...spec(v0), url: '' }).toEqual({ ...spec(v3), url: '' })
  })

  it('maps params, headers, auth, bodies and <<variables>>', async () => {
    const result = await importText(read('coll-v2-req-v3.json'))
    const r = result.collections[0]!.items.find((i) => i.kind === 'request' && i.name === 'req-v3')
    expect(r?.kind === 'request' && r.request).toMatchObject({
      url: 'https://echo.hoppscotch.io?key=value',
      params: [
        ['key', 'value', true],
        ['inactive-key', 'inactive-param', false],
      ],
      headers: [
        ['Inactive-Header', 'Inactive Header', false],
        ['Authorization', 'Bearer token123', true],
      ],
      auth: { type: 'bearer', token: 'token123' },
    })
    const vars = await importText(read('collection-with-variables.json'))
    const tree = vars.collections[0]!
    expect(tree.variables.map((v) => [v.name, v.value])).toEqual([
      ['collection-variable-1', 'collection-var-1-initial-value'],
      ['collection-variable-2', 'collection-var-2-initial-value'],
    ])
    const root = tree.items.find((i) => i.kind === 'request' && i.name === 'root-level-request')
    expect(root?.kind === 'request' && root.request.params[0]).toEqual([
      'root-var-1',
      '{{collection-variable-1}}',
      true,
    ])
    const body = await importText(read('req-body-env-vars-coll.json'))
    const post = body.collections[0]!.items[0]!
    expect(post.kind === 'request' && post.request.body).toMatchObject({ kind: 'json' })
    expect(post.kind === 'request' && post.request.body.kind === 'json' && post.request.body.text).toContain(
      '"firstName": "{{firstName}}"',
    )
  })

  it('reports scripts, file parts and current values it did not carry', async () => {
    const result = await importText(read('multipart-form-data-coll.json'))
    const what = result.report.skipped.map((s) => s.what)
    expect(what).toEqual(['test script', 'file part “key2”'])
    expect(result.report.skipped[0]!.reason).toMatch(/will not run as-is/)
    const vars = await importText(read('collection-with-variables.json'))
    expect(vars.report.skipped.some((s) => s.what === 'current value of “collection-variable-1”')).toBe(true)
  })

  it('reads environments of every version, secrets reported', async () => {
    const bulk = await importText(read('bulk-envs.json'))
    expect(bulk.report).toMatchObject({ format: 'hoppscotch-environment', counts: { environments: 2 } })
    expect(bulk.environments[1]!.variables.find((v) => v.name === 'secretVar')).toMatchObject({
      secret: true,
      value: '',
    })
    expect(bulk.report.skipped.map((s) => s.what)).toContain('1 secret value(s)')
    const v2 = await importText(read('env-v2.json'))
    expect(v2.environments[0]!.variables).toEqual([
      { name: 'baseURL', value: 'https://echo.hoppscotch.io', enabled: true, secret: false },
    ])
  })
})
