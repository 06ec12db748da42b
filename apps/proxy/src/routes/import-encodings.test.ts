import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

/** newman's own integration files, as bytes (packages/shared/src/convert/postman/fixtures/newman/README.md). */
const newmanFile = (name: string) =>
  readFileSync(new URL(`../../../../packages/shared/src/convert/postman/fixtures/newman/${name}`, import.meta.url))

describe('import by URL decodes a file as newman reads it', () => {
  it('imports a UTF-16 LE environment and a UTF-8 collection with a byte order mark, fetched by the server', async () => {
    const app = await buildTestApp()
    const files: Record<string, Buffer> = {
      '/env.json': newmanFile('bom-and-encoding/utf16-le-encoding-in-env.postman_environment.json'),
      '/collection.json': newmanFile('bom-and-encoding/bom-in-collection-file.postman_collection.json'),
    }
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/octet-stream')
      response.end(files[request.url ?? ''])
    })
    const preview = async (path: string) =>
      (
        await app.api({
          method: 'POST',
          url: '/api/import/preview',
          payload: { source: { kind: 'url', url: upstream.url(path) } },
        })
      ).json()
    expect([...files['/env.json']!.subarray(0, 2)]).toEqual([0xff, 0xfe])
    const env = await preview('/env.json')
    expect(env.report.format).toBe('postman-environment')
    expect(env.environments[0].variables.length).toBeGreaterThan(0)
    const collection = await preview('/collection.json')
    expect(collection.report).toMatchObject({ format: 'postman-collection', counts: { requests: 3 } })
  })
})
