import { readFileSync } from 'node:fs'
import { validate } from '@readme/openapi-parser'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { CollectionTree } from '../../collection.js'
import { importText } from '../import-text.js'
import { exportOpenApi } from './export-openapi.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

type Saved = { name: string; status: number; body: string; type: string | undefined }
const savedOf = (tree: CollectionTree): Saved[] =>
  tree.items.flatMap((item) =>
    item.kind === 'request'
      ? item.request.examples.map((example) => ({
          name: example.name,
          status: example.status,
          // Bodies compare as values: a JSON example exports as its value and imports pretty-printed.
          body: (() => {
            try {
              return JSON.stringify(JSON.parse(example.body))
            } catch {
              return example.body
            }
          })(),
          type: example.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1],
        }))
      : [],
  )

describe('saved examples in the OpenAPI export', () => {
  it('exports every example of a spec as responses, valid, and imports back with the same names, statuses and bodies', async () => {
    const imported = (await importText(fixture('api-with-examples.yaml'))).collections[0]!
    const before = savedOf(imported)
    expect(before.length).toBeGreaterThan(2)
    const file = exportOpenApi(imported)
    const doc = parse(file.text)
    const check = await validate(structuredClone(doc))
    expect(check.valid ? [] : check.errors).toEqual([])
    const again = (await importText(file.text)).collections[0]!
    expect(savedOf(again)).toEqual(before)
  })

  it('exports an example saved in Courier: its status and reason, its content type, its headers, a secret header without value', async () => {
    const tree = (await importText(fixture('api-with-examples.yaml'))).collections[0]!
    const item = tree.items.find((i) => i.kind === 'request')!
    if (item.kind !== 'request') throw new Error('no request')
    item.request.examples = [
      {
        name: 'Not there',
        status: 404,
        statusText: 'Not Found',
        headers: [
          ['Content-Type', 'text/plain; charset=utf-8'],
          ['X-Request-Id', 'abc-123'],
          ['Authorization', 'Bearer do-not-export'],
        ],
        body: 'no such pet',
      },
    ]
    const file = exportOpenApi(tree)
    expect(file.text).not.toContain('do-not-export')
    const doc = parse(file.text)
    const path = Object.values(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)
      .flatMap((ops) => Object.values(ops))
      .find((op) => op.responses['404'])!
    expect(path.responses['404']).toEqual({
      description: 'Not Found',
      headers: {
        'X-Request-Id': { schema: { type: 'string' }, example: 'abc-123' },
        Authorization: { schema: { type: 'string' } },
      },
      content: { 'text/plain; charset=utf-8': { examples: { 'Not there': { value: 'no such pet' } } } },
    })
    const check = await validate(structuredClone(doc))
    expect(check.valid ? [] : check.errors).toEqual([])
  })
})
