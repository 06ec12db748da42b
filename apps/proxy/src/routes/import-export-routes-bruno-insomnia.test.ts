import { importBruno } from '@courier/shared/convert'
import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { fixture, importAndCommit } from '../test/import-kit.js'

describe('Bruno and Insomnia v5 exports', () => {
  it('exports a collection as a zip of .bru files that imports back', async () => {
    const app = await buildTestApp()
    const { committed } = await importAndCommit(app, fixture('wise-groups-api.postman_collection.json'))
    const source = committed.collections[0]
    const file = (
      await app.api({
        method: 'POST',
        url: '/api/export/collection',
        payload: { collectionId: source.id, format: 'bruno' },
      })
    ).json()
    expect(file).toMatchObject({ mediaType: 'application/zip', encoding: 'base64' })
    expect(file.filename).toMatch(/\.bruno\.zip$/)
    const entries = unzipSync(Buffer.from(file.text, 'base64'))
    const files = Object.entries(entries).map(([path, bytes]) => ({ path, text: strFromU8(bytes) }))
    expect(files.some((f) => f.path.endsWith('/bruno.json'))).toBe(true)
    const back = importBruno(files)
    const requests = (tree: { items: { kind: string; name: string }[] }) =>
      tree.items.filter((i) => i.kind === 'request').map((i) => i.name)
    expect(requests(back.collections[0]!).sort()).toEqual(requests(source).sort())

    // As a person brings it back: the zip through the Import dialog's "Folder or zip" source.
    const preview = await app.api({
      method: 'POST',
      url: '/api/import/preview',
      payload: { source: { kind: 'zip', base64: file.text, name: file.filename } },
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.json().report).toMatchObject({ format: 'bruno', counts: { collections: 1 } })
    expect(requests(preview.json().collections[0]).sort()).toEqual(requests(source).sort())
  })

  it('exports a collection as Insomnia v5 YAML that imports back', async () => {
    const app = await buildTestApp()
    const { committed } = await importAndCommit(app, fixture('wise-groups-api.postman_collection.json'))
    const source = committed.collections[0]
    const file = (
      await app.api({
        method: 'POST',
        url: '/api/export/collection',
        payload: { collectionId: source.id, format: 'insomnia-v5' },
      })
    ).json()
    expect(file.text).toMatch(/^type: collection\.insomnia\.rest\/5\.0/)
    const again = await importAndCommit(await buildTestApp(), file.text)
    expect(again.report.formatLabel).toBe('Insomnia v5.0 YAML')
    expect(again.report.counts.requests).toBe(source.items.filter((i: { kind: string }) => i.kind === 'request').length)
  })
})
