import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importText } from '../import-text.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

describe('real Postman files', () => {
  it('imports the Wise collection with folders, auth, its scripts kept, and a report of unknown variables', async () => {
    const result = await importText(fixture('wise-all-endpoints.postman_collection.json'))
    expect(result.report).toMatchObject({
      format: 'postman-collection',
      formatLabel: 'Postman collection v2.1',
      counts: { collections: 1, folders: 14, requests: 66 },
    })
    const what = result.report.skipped.map((s) => s.what)
    expect(what).toContain('variable {{host}}')
    // Every test script is kept on its request, none is reported as lost.
    const doc = JSON.parse(fixture('wise-all-endpoints.postman_collection.json')) as unknown
    const inFile = (JSON.stringify(doc).match(/"listen":"test"/g) ?? []).length
    const kept = result.collections[0]!.items.filter((i) => i.kind === 'request' && i.request.scripts.test.trim())
    expect(inFile).toBeGreaterThan(0)
    expect(kept.length).toBeGreaterThan(0)
    expect(result.report.skipped.filter((s) => s.what === 'test script' && !/^Kept/.test(s.reason))).toEqual([])
    const statement = result.collections[0]!.items.find(
      (i) => i.name === 'GET /borderless-accounts/{accountId}/statement',
    )
    expect(statement?.kind === 'request' && statement.request.auth).toEqual({ type: 'none' })
    expect(statement?.kind === 'request' && statement.request.params.map((p) => p[0])).toEqual([
      'currency',
      'intervalStart',
      'intervalEnd',
    ])
  })

  it('imports the Wise groups collection: form bodies and basic auth from variables', async () => {
    const result = await importText(fixture('wise-groups-api.postman_collection.json'))
    const token = result.collections[0]!.items.find((i) => i.name === '1. Generate tokens from authorization code')
    expect(token?.kind === 'request' && token.request.body.kind).toBe('form')
    expect(token?.kind === 'request' && token.request.auth).toEqual({
      type: 'basic',
      username: '{{client_id}}',
      password: '{{client_secret}}',
    })
  })

  it('imports the Wise environment, cleaning a name with a line break', async () => {
    const result = await importText(fixture('wise.postman_environment.json'))
    expect(result.environments[0]!.name).toBe('TransferWise Sandbox')
    expect(result.environments[0]!.variables.map((v) => v.name)).toContain('client_credentials_token')
    expect(result.report.skipped[0]!.reason).toMatch(/line break/)
  })

  it('reads v2.0 auth objects and never honours file paths', async () => {
    const v20 = {
      info: { name: 'Old', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
      item: [
        {
          name: 'Up <img src=x onerror=alert(1)>',
          request: {
            method: 'POST',
            url: 'https://x.test/up',
            auth: { type: 'basic', basic: { username: 'u', password: 'p' } },
            body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: '/etc/passwd' }] },
          },
        },
        {
          name: 'Hawk',
          request: { method: 'GET', url: 'https://x.test/', auth: { type: 'hawk', hawk: { authId: 'k' } } },
        },
      ],
    }
    const result = await importText(JSON.stringify(v20))
    const [up, aws] = result.collections[0]!.items
    expect(up?.name).toBe('Up <img src=x onerror=alert(1)>')
    expect(up?.kind === 'request' && up.request.auth).toEqual({ type: 'basic', username: 'u', password: 'p' })
    expect(up?.kind === 'request' && up.request.body).toEqual({
      kind: 'multipart',
      parts: [{ kind: 'file', name: 'f', enabled: true, file: null, headers: [] }],
    })
    expect(JSON.stringify(result)).not.toContain('"/etc/passwd"')
    expect(aws?.kind === 'request' && aws.request.auth).toEqual({ type: 'none' })
    expect(result.report.skipped.map((s) => s.reason).join('\n')).toMatch(/hawk/)
  })
})
