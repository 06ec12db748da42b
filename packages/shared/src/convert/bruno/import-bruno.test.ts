import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importBruno, isBrunoFiles } from './import-bruno.js'

const ROOT = fileURLToPath(new URL('./fixtures/collection/', import.meta.url))
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
const FILES = walk(ROOT).map((p) => ({ path: `bruno-tests/${relative(ROOT, p)}`, text: readFileSync(p, 'utf8') }))
const REQUEST_FILES = FILES.filter(
  (f) => f.path.endsWith('.bru') && !/(folder|collection)\.bru$/.test(f.path) && !f.path.includes('/environments/'),
)

describe('Bruno import (usebruno/bruno test collection)', () => {
  const result = importBruno(FILES)
  const tree = result.collections[0]!
  const request = (name: string) => {
    const item = tree.items.find((i) => i.kind === 'request' && i.name === name)
    if (!item || item.kind !== 'request') throw new Error(`no request ${name}`)
    return item.request
  }

  it(`imports all ${REQUEST_FILES.length} request files, their folders and both environments`, () => {
    expect(isBrunoFiles(FILES)).toBe(true)
    expect(result.report).toMatchObject({
      format: 'bruno',
      counts: { collections: 1, requests: REQUEST_FILES.length, environments: 2 },
    })
    expect(tree.name).toBe('bruno-testbench')
    expect(result.environments.map((e) => e.name).sort()).toEqual(['Local', 'Prod'])
  })

  it('maps collection.bru: headers, bearer auth, typed vars, scripts and docs', () => {
    expect(tree.auth).toEqual({ type: 'bearer', token: '{{bearer_auth_token}}', prefix: 'Bearer' })
    expect(tree.headers[0]).toEqual(['check', 'again', true])
    expect(tree.variables.find((v) => v.name === 'coll_obj')?.value).toBe('{"scope":"collection"}')
    expect(tree.variables.find((v) => v.name === 'coll_num')?.value).toBe('100')
    expect(tree.scripts.preRequest).toContain("bru.getVar('should-test-collection-scripts')")
    expect(tree.description).toContain('bruno-testbench')
  })

  it('orders by meta.seq and maps each block', () => {
    const echo = tree.items.find((i) => i.kind === 'folder' && i.name === 'echo')!
    const names = tree.items
      .filter((i) => i.parentId === echo.id)
      .sort((a, b) => a.position - b.position)
      .map((i) => i.name)
    expect(names.indexOf('echo json')).toBeLessThan(names.indexOf('echo multipart'))
    expect(request('getPathParam').pathParams).toEqual([['pathParam', 'ping']])
    expect(request('getQueryString').params).toEqual([
      ['page', '1', true],
      ['limit', '10', true],
      ['sort', 'desc', true],
    ])
    expect(request('echo xml raw').body).toEqual({
      kind: 'raw',
      text: '<hello><world>bruno</world></hello>',
      contentType: 'application/xml',
    })
    expect(request('spacex').body).toMatchObject({ kind: 'graphql', variables: '{}' })
    expect(request('spacex').assertions).toEqual([
      { enabled: true, source: 'status', expression: '', operator: 'equals', value: '200' },
      { enabled: true, source: 'json', expression: '$.data.company.ceo', operator: 'equals', value: 'Elon Musk' },
    ])
    const multipart = request('echo multipart').body
    expect(multipart.kind === 'multipart' && multipart.parts.map((p) => [p.kind, p.name, p.contentType])).toEqual([
      ['text', 'foo', 'application/json--test'],
      ['text', 'multiline', 'application/json--multiline--test'],
      ['text', 'form-data-key', undefined],
      ['text', 'form-data-stringified-object', undefined],
      ['file', 'file', undefined],
    ])
    expect(request('Basic Auth 200').auth).toEqual({
      type: 'basic',
      username: 'bruno',
      password: '{{basic_auth_password}}',
    })
    expect(request('inherit Bearer Auth 200').auth).toEqual({ type: 'inherit' })
  })

  it('names in the report everything it did not carry', () => {
    const what = result.report.skipped.map((s) => `${s.where} | ${s.what}`)
    expect(what).toContain('bruno-testbench › echo › echo multipart | file part “file”')
    expect(what).toContain('Local | 9 secret variable value(s)')
    expect(what).toContain('bruno-testbench › echo › echo json | inactive auth:basic block')
    expect(what).toContain(
      'bruno-testbench › auth › digest › Digest Auth 200 | assertion “res.body.authenticated: isTruthy”',
    )
    expect(what.filter((w) => w.endsWith('| pre-request script')).length).toBeGreaterThan(0)
    expect(result.report.skipped.find((s) => s.what === 'pre-request script')?.reason).toMatch(/will not run as-is/)
  })

  it('refuses a broken .bru file with its name', () => {
    expect(() =>
      importBruno([
        { path: 'c/bruno.json', text: '{"name":"c"}' },
        { path: 'c/x.bru', text: 'meta {\n  name: x\n' },
      ]),
    ).toThrow(/x\.bru is not a valid \.bru file/)
  })
})

describe('Bruno through the folder or zip upload', () => {
  it('importFiles recognises the collection and gives what importBruno gives', async () => {
    const { importFiles } = await import('../import-files.js')
    const viaUpload = await importFiles(FILES, { skipped: [{ path: 'bruno-tests/logo.png', reason: 'a binary file' }] })
    const direct = importBruno(FILES)
    expect(viaUpload.report.format).toBe('bruno')
    expect(viaUpload.collections).toEqual(direct.collections)
    expect(viaUpload.report.skipped).toContainEqual(expect.objectContaining({ where: 'bruno-tests/logo.png' }))
  })
})
