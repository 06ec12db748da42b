import { describe, expect, it } from 'vitest'
import { applyInheritance, inheritedAuth, scopesFor, type InheritLevel } from './inheritance.js'
import { RequestSpecSchema } from './request-spec.js'
import { resolveSpec } from './resolve-spec.js'
import {
  DYNAMIC_VARIABLES,
  dynamicValue,
  lookupVariable,
  previewText,
  resolveText,
  variablesIn,
  type Variable,
} from './variables.js'

const v = (name: string, value: string, extra: Partial<Variable> = {}): Variable => ({
  name,
  value,
  enabled: true,
  secret: false,
  ...extra,
})

const collection: InheritLevel = {
  kind: 'collection',
  name: 'Shop',
  auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' },
  headers: [
    ['X-Client', 'courier', true],
    ['X-Tenant', 'shop', true],
  ],
  variables: [v('baseUrl', 'https://shop.test'), v('region', 'eu'), v('who', 'collection')],
}
const folder: InheritLevel = {
  kind: 'folder',
  name: 'Orders',
  auth: { type: 'inherit' },
  headers: [['X-Tenant', 'orders', true]],
  variables: [v('who', 'folder'), v('path', '/orders')],
}

describe('variable precedence', () => {
  it('takes environment over folder over collection over globals', () => {
    const scopes = scopesFor(
      { name: 'dev', variables: [v('baseUrl', 'http://localhost:3000')] },
      [collection, folder],
      [v('baseUrl', 'global'), v('region', 'global'), v('onlyGlobal', 'g')],
    )
    expect(lookupVariable('baseUrl', scopes)).toMatchObject({
      value: 'http://localhost:3000',
      scope: 'environment',
      scopeName: 'dev',
    })
    expect(lookupVariable('who', scopes)).toMatchObject({ value: 'folder', scope: 'folder', scopeName: 'Orders' })
    expect(lookupVariable('region', scopes)).toMatchObject({ value: 'eu', scope: 'collection' })
    expect(lookupVariable('onlyGlobal', scopes)).toMatchObject({ value: 'g', scope: 'global' })
    expect(lookupVariable('missing', scopes)).toBeUndefined()
  })

  it('skips disabled variables', () => {
    const scopes = scopesFor({ name: 'dev', variables: [v('x', 'off', { enabled: false })] }, [], [v('x', 'on')])
    expect(lookupVariable('x', scopes)?.value).toBe('on')
  })

  it('resolves nested variables and reports unknown names, leaving them as typed', () => {
    const scopes = scopesFor(
      { name: 'dev', variables: [v('host', 'api.test'), v('baseUrl', 'https://{{host}}/v1')] },
      [],
      [],
    )
    const report = { unresolved: [] as string[], used: [] as never[] }
    expect(resolveText('{{ baseUrl }}/users/{{id}}', scopes, report)).toBe('https://api.test/v1/users/{{id}}')
    expect(report.unresolved).toEqual(['id'])
  })

  it('stops a self-referencing variable instead of looping', () => {
    const scopes = scopesFor({ name: 'dev', variables: [v('loop', '{{loop}}x')] }, [], [])
    expect(resolveText('{{loop}}', scopes)).toMatch(/^\{\{loop\}\}x+$/)
  })
})

describe('dynamic values', () => {
  it('gives fresh, well-formed values per use and documents each', () => {
    const [a, b] = [dynamicValue('$uuid'), dynamicValue('$uuid')]
    expect(a).toMatch(/^[0-9a-f-]{36}$/)
    expect(a).not.toBe(b)
    expect(Number(dynamicValue('$timestamp', new Date('2026-01-01T00:00:00Z')))).toBe(1767225600)
    expect(dynamicValue('$isoTimestamp', new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z')
    const n = Number(dynamicValue('$randomInt'))
    expect(n >= 0 && n <= 1000 && Number.isInteger(n)).toBe(true)
    expect(dynamicValue('$nope')).toBeUndefined()
    for (const { name } of DYNAMIC_VARIABLES) expect(dynamicValue(name)).toBeDefined()
  })
})

describe('resolveSpec', () => {
  it('resolves URL, params, headers, every body kind and auth fields', () => {
    const scopes = scopesFor(
      {
        name: 'dev',
        variables: [v('base', 'http://h.test'), v('id', '7'), v('token', 'tkn', { secret: true }), v('name', 'Ada')],
      },
      [],
      [],
    )
    const spec = RequestSpecSchema.parse({
      method: 'POST',
      url: '{{base}}/u/{{id}}?who={{name}}',
      params: [['who', '{{name}}', true]],
      headers: [
        ['X-Id', '{{id}}', true],
        ['X-Off', '{{nope}}', false],
      ],
      body: { kind: 'json', text: '{"id": {{id}}, "name": "{{name}}"}' },
      auth: { type: 'bearer', token: '{{token}}' },
    })
    const { spec: resolved, report } = resolveSpec(spec, scopes)
    expect(resolved.url).toBe('http://h.test/u/7?who=Ada')
    expect(resolved.headers).toEqual([
      ['X-Id', '7', true],
      ['X-Off', '{{nope}}', false],
    ])
    expect(resolved.body).toEqual({ kind: 'json', text: '{"id": 7, "name": "Ada"}' })
    expect(resolved.auth).toEqual({ type: 'bearer', token: 'tkn', prefix: 'Bearer' })
    expect(report.used.filter((u) => u.secret).map((u) => u.value)).toEqual(['tkn'])
    expect(report.unresolved).toEqual([])
  })

  it('finds every variable a text uses', () => {
    expect(variablesIn('{{a}}/{{ b }}/{{a}}/{{$uuid}}')).toEqual(['a', 'b', '$uuid'])
  })
})

describe('inheritance', () => {
  it('gives an inheriting request the nearest parent auth and inherited headers, its own winning', () => {
    const spec = RequestSpecSchema.parse({
      method: 'GET',
      url: 'x',
      auth: { type: 'inherit' },
      headers: [['X-Client', 'mine', true]],
    })
    const effective = applyInheritance(spec, [collection, folder])
    expect(effective.auth).toEqual(collection.auth)
    expect(effective.headers).toEqual([
      ['X-Tenant', 'orders', true],
      ['X-Client', 'mine', true],
    ])
    expect(inheritedAuth([collection, folder])?.from).toBe('collection Shop')
    expect(applyInheritance(spec, []).auth).toEqual({ type: 'none' })
  })
})

describe('previewText', () => {
  const scopes = [
    { kind: 'environment' as const, name: 'prod', variables: [v('token', 'tkn-1'), v('key', 'k-2', { secret: true })] },
  ]
  it('masks a secret variable as bullets by default, or as the caller says', () => {
    expect(previewText('?t={{token}}&k={{key}}', scopes)).toBe('?t=tkn-1&k=••••••')
    expect(previewText('?t={{token}}&k={{key}}', scopes, (name) => `{{${name}}}`)).toBe('?t=tkn-1&k={{key}}')
  })
})
