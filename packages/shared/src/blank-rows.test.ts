import { describe, expect, it } from 'vitest'
import { captureProblem, partProblem, rowProblem, withoutBlankRows } from './blank-rows.js'
import { RequestSpecSchema } from './request-spec.js'

describe('blank rows', () => {
  it('drops rows with nothing typed in them from every table, and keeps half-filled ones', () => {
    const spec = RequestSpecSchema.parse({
      method: 'POST',
      url: 'http://127.0.0.1/',
      params: [
        ['', '', true],
        ['q', '', true],
      ],
      headers: [
        [' ', '', false],
        ['', 'orphan', true],
        ['Accept', 'text/plain', true],
      ],
      body: {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: '', value: '' },
          { kind: 'file', name: '', file: null },
          { kind: 'file', name: 'upload', file: null },
        ],
      },
    })
    // A draft's captures: the editor's rows, before anything checks them.
    const rule = { expression: '', scope: 'environment', enabled: true } as const
    spec.captures = [
      { ...rule, variable: '', source: 'json' },
      { ...rule, variable: '', source: 'status' },
      { ...rule, variable: 'token', source: 'json', expression: '$.token' },
    ]
    const sent = withoutBlankRows(spec)
    expect(sent.params).toEqual([['q', '', true]])
    expect(sent.headers).toEqual([
      ['', 'orphan', true],
      ['Accept', 'text/plain', true],
    ])
    expect(sent.body).toMatchObject({ kind: 'multipart', parts: [{ name: 'upload' }] })
    expect(sent.captures.map((c) => c.variable)).toEqual(['token'])
  })

  it('drops blank form fields', () => {
    const spec = RequestSpecSchema.parse({
      method: 'POST',
      url: 'http://127.0.0.1/',
      body: {
        kind: 'form',
        fields: [
          ['a', '1', true],
          ['', '', true],
        ],
      },
    })
    expect(withoutBlankRows(spec).body).toEqual({ kind: 'form', fields: [['a', '1', true]] })
  })

  it('names what a half-filled row lacks', () => {
    expect(rowProblem(['', 'orphan', true])).toMatch(/no name/)
    expect(rowProblem(['Accept', '', true])).toBeUndefined()
    const rule = { variable: '', source: 'json', expression: '$.id', scope: 'environment', enabled: true } as const
    expect(captureProblem(rule)).toMatch(/No variable name/)
    expect(captureProblem({ ...rule, variable: 'id', expression: '' })).toMatch(/No JSONPath/)
    expect(captureProblem({ ...rule, expression: '' })).toBeUndefined()
    expect(partProblem({ kind: 'file', name: 'upload', file: null, enabled: true, headers: [] })).toMatch(/No file/)
  })
})
