import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { RequestSpecSchema, type FileRef } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { newId } from '../ids.js'
import { buildTestApp, tempDataDir, type TestApp } from '../test/build-test-app.js'
import { logLines } from '../test/log-lines.js'
import { SEALED_BEFORE_KEY } from './data-sweep.js'
import { startUpstream } from '../test/upstream.js'

const DAY = 24 * 60 * 60 * 1000

async function upload(app: TestApp, content: string): Promise<FileRef> {
  const response = await app.api({
    method: 'POST',
    url: '/api/files',
    headers: { 'content-type': 'multipart/form-data; boundary=B' },
    payload: `--B\r\nContent-Disposition: form-data; name="file"; filename="f.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--B--\r\n`,
  })
  expect(response.statusCode).toBe(201)
  return response.json()
}

/** Makes a file look as if it was last written `ms` ago. */
function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms)
  utimesSync(path, then, then)
}

describe('the start-up sweep of the data folder', () => {
  it('starts once the server listens, not while it starts', async () => {
    const dataDir = tempDataDir()
    await (await buildTestApp({ dataDir })).close()
    const orphan = join(dataDir, 'bodies', newId())
    writeFileSync(orphan, 'left over')
    age(orphan, 2 * DAY)
    const log = logLines()
    const app = await buildTestApp({ dataDir, logStream: log.stream })
    expect(existsSync(orphan)).toBe(true)
    await app.listen({ host: '127.0.0.1', port: 0 })
    expect(JSON.parse(await log.line(/data folder swept/))).toMatchObject({ removedBodies: 1 })
    expect(existsSync(orphan)).toBe(false)
  })

  it('removes bodies with no history row, cut-off temp files and unreferenced uploads, and keeps everything referenced or recent', async () => {
    const dataDir = tempDataDir()
    const bodies = join(dataDir, 'bodies')
    const files = join(dataDir, 'files')
    // Above SMALL_BODY, so the body is a file of its own (a small one lives in its history row).
    const keptBody = 'kept body '.repeat(7000)
    const upstream = await startUpstream((_request, response) => response.end(keptBody))
    const app = await buildTestApp({ dataDir })
    const sent = (
      await app.api({
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', url: upstream.url('/') } },
      })
    ).json()
    expect(sent.status).toBe(200)

    const inDraft = await upload(app, 'draft file')
    const inSaved = await upload(app, 'saved file')
    const inClosedTab = await upload(app, 'closed tab file')
    const unreferenced = await upload(app, 'nobody wants me')
    const recentUpload = await upload(app, 'just uploaded')
    const draft = RequestSpecSchema.parse({
      method: 'POST',
      url: upstream.url('/'),
      body: { kind: 'binary', file: inDraft },
    })
    await app.store.workspace.put({
      tabs: [{ id: 't1', title: 'Draft', itemId: null, baseVersion: null, draft, isDirty: true, responseId: null }],
      activeTabId: 't1',
      environmentId: null,
      // A closed tab can be reopened with its draft, so what it refers to is kept too.
      closedTabs: [
        {
          id: 't0',
          title: 'Closed',
          itemId: null,
          baseVersion: null,
          draft: { ...draft, body: { kind: 'binary', file: inClosedTab } },
          isDirty: true,
          responseId: null,
        },
      ],
    })
    const collection = await app.store.collections.create('Uploads')
    const saved = RequestSpecSchema.parse({
      method: 'POST',
      url: upstream.url('/'),
      body: { kind: 'multipart', parts: [{ kind: 'file', name: 'f', file: inSaved, enabled: true, headers: [] }] },
    })
    await app.store.collections.createItem({
      kind: 'request',
      collectionId: collection.id,
      name: 'Upload',
      request: saved,
    })
    await app.close()

    // What a crash leaves: a body written before its history row, temp files of cut-off writes.
    const orphanBody = join(bodies, newId())
    const recentOrphanBody = join(bodies, newId())
    const cutBody = join(bodies, `${newId()}.1a2b3c4d.partial`)
    const cutUpload = join(files, `${newId()}.5e6f7a8b.partial`)
    const foreign = join(bodies, 'README.txt')
    for (const path of [orphanBody, recentOrphanBody, cutBody, cutUpload, foreign]) writeFileSync(path, 'left over')
    for (const path of [orphanBody, cutBody, cutUpload, foreign, join(bodies, sent.id)]) age(path, 2 * DAY)
    for (const file of [inDraft, inSaved, inClosedTab, unreferenced]) age(join(files, file.fileId), 2 * DAY)

    const restarted = await buildTestApp({ dataDir })
    await restarted.dataSweep()
    expect(existsSync(orphanBody)).toBe(false)
    expect(existsSync(cutBody)).toBe(false)
    expect(existsSync(cutUpload)).toBe(false)
    expect(existsSync(join(files, unreferenced.fileId))).toBe(false)
    // Kept: a body with its history row, files a draft or a saved request refers to, anything
    // too recent to be sure of (another Courier process may be writing it), names not Courier's.
    expect(existsSync(recentOrphanBody)).toBe(true)
    expect(existsSync(join(files, inClosedTab.fileId))).toBe(true)
    expect(existsSync(join(files, recentUpload.fileId))).toBe(true)
    expect(readFileSync(foreign, 'utf8')).toBe('left over')
    expect((await restarted.api({ method: 'GET', url: sent.body.url })).body).toBe(keptBody)
    for (const [file, text] of [
      [inDraft, 'draft file'],
      [inSaved, 'saved file'],
    ] as const) {
      const resent = (
        await restarted.api({
          method: 'POST',
          url: '/api/send',
          payload: { request: { method: 'PUT', url: upstream.url('/'), body: { kind: 'binary', file } } },
        })
      ).json()
      expect(resent.status).toBe(200)
      expect(upstream.received.at(-1)!.body.toString()).toBe(text)
    }
  })

  it('looks for plain bytes only in what was written since a sweep found everything sealed', async () => {
    const dataDir = tempDataDir()
    const secret = 'tk_PLAIN_SINCE_THE_SWEEP_99'
    const upstream = await startUpstream((_request, response) => response.end(`{"token":"${secret}"}`))
    const app = await buildTestApp({ dataDir })
    const send = async () =>
      (
        await app.api({
          method: 'POST',
          url: '/api/send',
          payload: { request: { method: 'GET', url: upstream.url('/') } },
        })
      ).json()
    const [older, newer] = [await send(), await send()]
    const sweptAt = Date.now()
    expect((await app.dataSweep()).resealed).toBe(0)
    expect(await app.store.settings.get<number>(SEALED_BEFORE_KEY)).toBeLessThanOrEqual(sweptAt)
    await app.close()
    // Plain bytes where sealed ones were: one dated before that sweep, one after it (an older Courier run since).
    const olderPath = join(dataDir, 'bodies', older.id)
    const newerPath = join(dataDir, 'bodies', newer.id)
    writeFileSync(olderPath, 'dated before the sweep')
    age(olderPath, DAY)
    writeFileSync(newerPath, `{"token":"${secret}"}`)

    const restarted = await buildTestApp({ dataDir })
    expect((await restarted.dataSweep()).resealed).toBe(1)
    expect(readFileSync(newerPath).includes(secret)).toBe(false)
    expect(readFileSync(olderPath, 'utf8')).toBe('dated before the sweep')
  })

  it('reads bodies and files an older Courier wrote in clear, and seals them at start', async () => {
    const dataDir = tempDataDir()
    const upstream = await startUpstream((_request, response) =>
      response.end('{"access_token":"at_OLD_PLAIN_TOKEN_1234"}'),
    )
    const app = await buildTestApp({ dataDir })
    const sent = (
      await app.api({
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', url: upstream.url('/') } },
      })
    ).json()
    const file = await upload(app, 'old plain upload')
    await app.close()
    // As an older Courier left them: plain bytes under the same names.
    const bodyPath = join(dataDir, 'bodies', sent.id)
    const filePath = join(dataDir, 'files', file.fileId)
    writeFileSync(bodyPath, '{"access_token":"at_OLD_PLAIN_TOKEN_1234"}')
    writeFileSync(filePath, 'old plain upload')

    const restarted = await buildTestApp({ dataDir })
    await restarted.dataSweep()
    expect(readFileSync(bodyPath).includes('at_OLD_PLAIN_TOKEN_1234')).toBe(false)
    expect(readFileSync(filePath).includes('old plain upload')).toBe(false)
    expect((await restarted.api({ method: 'GET', url: sent.body.url })).json()).toEqual({
      access_token: 'at_OLD_PLAIN_TOKEN_1234',
    })
    await restarted.api({
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'PUT', url: upstream.url('/'), body: { kind: 'binary', file } } },
    })
    expect(upstream.received.at(-1)!.body.toString()).toBe('old plain upload')
  })
})
