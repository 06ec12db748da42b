import { describe, expect, it } from 'vitest'
import { everyFieldTree } from '../test-support/every-field-tree.js'
import { treeDifferences, unexplained } from '../test-support/tree-diff.js'
import { exportBruno } from './export-bruno.js'
import { importBruno } from './import-bruno.js'

/** What Bruno's format has no place for. The test fails if one comes back (take it off) or another goes. */
const KNOWN: Record<string, string> = {
  '(collection).variables[1].secret': 'Bruno collection variables have no secret flag (secrets live in environments).',
  '/0:Users/0:Inner/1:multipart.request.body.parts[1]':
    'Bruno’s writer puts disabled multipart parts after the enabled ones, so the disabled part and the file part change places.',
  '/0:Users/0:Inner/1:multipart.request.body.parts[2]': 'The same swap, seen from the other part.',
  '/9:settings, scripts, checks.request.headers': 'The request’s cookie line becomes a Cookie header.',
  '/9:settings, scripts, checks.request.cookies': 'Bruno has no per-request cookie line.',
  '/9:settings, scripts, checks.request.settings.verifyTls': 'Bruno has no per-request TLS setting.',
}

describe('Courier → Bruno → Courier', () => {
  it('keeps every field of the model but for the listed ones, each with its reason', () => {
    const before = everyFieldTree()
    const exported = exportBruno(before, { includeSecrets: true })
    const after = importBruno(exported.files).collections[0]!
    expect(unexplained(treeDifferences(before, after), KNOWN)).toEqual({ unknown: [], stale: [] })
    expect(exported.notes.join('\n')).toMatch(/cookie line became a Cookie header/)
    expect(exported.notes.join('\n')).toMatch(/verifyTls/)
    expect(exported.notes.join('\n')).toMatch(/Bruno runs its own bru\/req\/res API/)
  })

  it('leaves secrets out unless asked, and says so', () => {
    const exported = exportBruno(everyFieldTree())
    const all = exported.files.map((f) => f.text).join('\n')
    expect(all).not.toContain('s3cr3t')
    expect(all).not.toContain('shh')
    expect(exported.notes.join('\n')).toMatch(/secret values? (was|were) left out/)
  })

  it('writes environments as Bruno keeps them: secrets listed without values', () => {
    const exported = exportBruno(everyFieldTree(), {
      environments: [
        {
          name: 'Staging',
          variables: [
            { name: 'base', value: 'https://staging.test', enabled: true, secret: false },
            { name: 'key', value: 'k-123', enabled: true, secret: true },
          ],
        },
      ],
    })
    const file = exported.files.find((f) => f.path === 'Every field/environments/Staging.bru')!
    expect(file.text).toContain('base: https://staging.test')
    expect(file.text).not.toContain('k-123')
    const back = importBruno(exported.files)
    expect(back.environments).toEqual([
      {
        name: 'Staging',
        globals: false,
        variables: [
          { name: 'base', value: 'https://staging.test', enabled: true, secret: false },
          { name: 'key', value: '', enabled: true, secret: true },
        ],
      },
    ])
  })

  it('writes one file per request and folder, in a folder named for the collection', () => {
    const paths = exportBruno(everyFieldTree()).files.map((f) => f.path)
    expect(paths).toContain('Every field/bruno.json')
    expect(paths).toContain('Every field/collection.bru')
    expect(paths).toContain('Every field/Users/folder.bru')
    expect(paths).toContain('Every field/Users/Inner/multipart.bru')
    expect(paths.filter((p) => p.endsWith('.bru') && !/(folder|collection)\.bru$/.test(p))).toHaveLength(13)
  })
})
