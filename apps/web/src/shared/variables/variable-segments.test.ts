import { scopesFor } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { describeVariable, variableSegments } from './variable-segments'

describe('variableSegments', () => {
  it('marks known, unknown, secret and dynamic variables and keeps offsets', () => {
    const scopes = scopesFor(
      {
        name: 'dev',
        variables: [
          { name: 'base', value: 'http://x', enabled: true, secret: false },
          { name: 'key', value: 'k', enabled: true, secret: true },
        ],
      },
      [],
      [],
    )
    const segments = variableSegments('{{base}}/a?k={{key}}&u={{missing}}&id={{$uuid}}', scopes)
    const variables = segments.filter((s) => s.kind === 'variable')
    expect(variables.map((s) => [s.name, s.kind === 'variable' && s.state, s.start])).toEqual([
      ['base', 'known', 0],
      ['key', 'secret', 13],
      ['missing', 'unknown', 23],
      ['$uuid', 'dynamic', 38],
    ])
    expect(describeVariable(variables[0] as never)).toBe('{{base}} = http://x — from environment “dev”')
    expect(describeVariable(variables[1] as never)).toContain('••••••')
    expect(segments.map((s) => s.text).join('')).toBe('{{base}}/a?k={{key}}&u={{missing}}&id={{$uuid}}')
  })
})
