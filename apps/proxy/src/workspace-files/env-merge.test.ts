import type { Environment } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { envPrintsOf, mergeEnvironments } from './env-merge.js'

const env = (name: string, pairs: [string, string][]): Environment => ({
  id: 'e1',
  name,
  version: 1,
  updatedAt: '2026-12-04T00:00:00.000Z',
  variables: pairs.map(([n, value]) => ({ name: n, value, enabled: true, secret: false })),
})

describe('mergeEnvironments', () => {
  const base = env('Staging', [
    ['a', '1'],
    ['b', '1'],
  ])
  const prints = envPrintsOf(base)!

  it('keeps the name Courier changed and the files’ variables, in the files’ order then Courier’s new ones', () => {
    const files = env('Staging', [
      ['b', '2'],
      ['a', '1'],
    ])
    const db = env('Staging EU', [
      ['a', '1'],
      ['b', '1'],
      ['c', '3'],
    ])
    const notices: string[] = []
    const merged = mergeEnvironments(prints, files, db, (what) => notices.push(what))!
    expect(merged.name).toBe('Staging EU')
    expect(merged.variables.map((v) => [v.name, v.value])).toEqual([
      ['b', '2'],
      ['a', '1'],
      ['c', '3'],
    ])
    expect(notices).toEqual([])
  })

  it('prints hold no value in clear, and two variables of one name are not merged by name', () => {
    expect(JSON.stringify(envPrintsOf(env('S', [['token', 's3cr3t-value']])))).not.toContain('s3cr3t')
    const twice = env('S', [
      ['a', '1'],
      ['a', '2'],
    ])
    expect(envPrintsOf(twice)).toBeNull()
    expect(mergeEnvironments(prints, twice, base, () => {})).toBeNull()
  })
})
