import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { importPostmanText } from '@courier/shared/convert/postman'
import { describe, expect, it, vi } from 'vitest'
import { testFileStore } from '../test/stores.js'
import { tempDataDir } from '../test/temp-dir.js'
import { attachCollectionFiles } from './postman-files.js'
import { runCommand } from './run-command.js'

function collection(...sources: string[]) {
  const doc = {
    info: { name: 'Files', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: sources.map((src, index) => ({
      name: `r${index}`,
      request: {
        method: 'POST',
        url: 'http://h/',
        body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src }] },
      },
    })),
  }
  return importPostmanText(JSON.stringify(doc), { keepFileSources: true }).collections[0]!
}

async function read(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString()
}

describe('courier run reads the files a Postman collection names', () => {
  it('from the folder it runs in, with the type its name says; not outside it, and says which it could not read', async () => {
    const outside = tempDataDir()
    writeFileSync(join(outside, 'id_rsa'), 'private')
    const folder = tempDataDir()
    mkdirSync(join(folder, 'data'))
    writeFileSync(join(folder, 'data', 'sheet.csv'), 'a,b\n')
    symlinkSync(join(outside, 'id_rsa'), join(folder, 'link'))
    const files = testFileStore()

    const { tree, problems } = await attachCollectionFiles(
      collection('data/sheet.csv', join(outside, 'id_rsa'), '../' + 'x', 'link', 'missing.txt'),
      files,
      folder,
    )
    const parts = tree.items.map((item) =>
      item.kind === 'request' && item.request.body.kind === 'multipart' ? item.request.body.parts[0]! : null,
    )
    const first = parts[0]!
    expect(first.kind === 'file' && first.file).toMatchObject({
      filename: 'sheet.csv',
      contentType: 'text/csv',
      size: 4,
    })
    expect(first.kind === 'file' && (await read(files.open(first.file!.fileId)))).toBe('a,b\n')
    // An absolute path elsewhere, a path climbing out, a link pointing out, a missing file: no file each.
    expect(parts.slice(1).map((p) => p?.kind === 'file' && p.file)).toEqual([null, null, null, null])
    expect(problems).toEqual([
      expect.stringMatching(/^r1, part “f”: .*id_rsa is outside .*reads only files inside the folder it runs in/),
      expect.stringMatching(/^r2, part “f”: \.\.\/x (is outside|could not be read)/),
      expect.stringMatching(/^r3, part “f”: link is outside/),
      expect.stringMatching(/^r4, part “f”: missing\.txt could not be read \(no such file\)/),
    ])
  })

  it('a run whose file is missing says so, and the request fails naming the file', async () => {
    const folder = tempDataDir()
    const file = join(folder, 'c.postman_collection.json')
    writeFileSync(
      file,
      JSON.stringify({
        info: { name: 'Files', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [
          {
            name: 'up',
            request: {
              method: 'POST',
              url: 'http://127.0.0.1:9/',
              body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: 'gone.csv' }] },
            },
          },
        ],
      }),
    )
    const out: string[] = []
    const sink = { write: (text: string) => (out.push(text), true) }
    // run-file.ts writes what it could not read straight to the process's stderr.
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => (out.push(String(text)), true))
    const cwd = process.cwd()
    process.chdir(folder)
    let exit: number
    try {
      exit = await runCommand([file, '--color', 'off'], { stdout: sink, stderr: sink })
    } finally {
      process.chdir(cwd)
      stderr.mockRestore()
    }
    expect(exit).toBe(1)
    expect(out.join('')).toContain('up, part “f”: gone.csv could not be read (no such file)')
    expect(out.join('')).toContain('Choose a file for the part "f" (the collection names gone.csv, which was not read)')
  })
})
