import { describe, expect, it } from 'vitest'
import { ImportBuilder } from '../convert/import-builder.js'
import { loadWorkspaceFiles } from './load-files.js'
import { filesOfCollection } from './write-files.js'

/** Texts YAML makes hard: every one must come back exactly, and be written the same way twice. */
const TEXTS = [
  '',
  ' ',
  '\n',
  '\n\n',
  'a\n',
  'a\n\n',
  'a\n\n\n',
  '\na',
  '  leading spaces\nsecond',
  'trailing spaces   \nnext   ',
  '\tleading tab\n\ttab',
  'line\r\nwindows\r\n',
  'old mac\rline',
  '# a comment?\n- a list?\nkey: value',
  '---\n...\n',
  '"quoted"\n\'single\'',
  'unicode ✓ é 😀\n\u2028separator\u2029',
  'nul \u0000 and bell \u0007\nx',
  'yes',
  'null',
  '~',
  '1e3',
  '0o17',
  '@at',
  '%percent',
  '{{var}}',
  '*alias',
  '&anchor',
  '!tag',
  '? key',
  'a: b',
  'x'.repeat(5000),
  `${'long line '.repeat(300)}\n${'y'.repeat(3000)}`,
  '\ufeffbom first',
]

describe('strings that YAML makes hard', () => {
  it('come back exactly in bodies, scripts, descriptions, names and header values, written the same twice', () => {
    const b = new ImportBuilder('courier-workspace', 'test')
    const tree = b.collection('Strings', { description: TEXTS.join('|') })
    TEXTS.forEach((text, n) => {
      const folder = b.folder(tree, null, {
        name: `f${n}`,
        description: text,
        scripts: { preRequest: text, test: text },
      })
      b.request(
        tree,
        folder,
        text.trim() ? text : `r${n}`,
        {
          method: 'POST',
          url: text,
          headers: [[text, text, true]],
          body: { kind: 'raw', text, contentType: 'text/plain' },
          scripts: { preRequest: text, test: `${text}\n${text}` },
          cookies: text,
        },
        'x',
      )
    })
    const result = b.result().collections[0]!
    const files = filesOfCollection(result)
    const loaded = loadWorkspaceFiles(files)
    expect(loaded.problems).toEqual([])
    const back = loaded.collections[0]!
    expect(back).toEqual(result)
    expect(filesOfCollection(back)).toEqual(files)
  })
})
