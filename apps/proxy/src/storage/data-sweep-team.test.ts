import { existsSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { RequestSpecSchema, type FileRef } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/build-test-app.js'
import { buildTeamTestApp } from '../test/team-test-app.js'
import { startUpstream } from '../test/upstream.js'

const DAY = 24 * 60 * 60 * 1000
const age = (path: string) => {
  const then = new Date(Date.now() - 2 * DAY)
  utimesSync(path, then, then)
}

describe('the start-up sweep on a team server', () => {
  it('keeps the bodies of every member’s history and the uploads of every workspace’s saved requests', async () => {
    const dataDir = tempDataDir()
    // Above SMALL_BODY, so the body is a file of its own (a small one lives in its history row).
    const upstream = await startUpstream((_request, response) => response.end('team body '.repeat(7000)))
    const team = await buildTeamTestApp({ dataDir })
    const sent = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/send',
      payload: { request: { method: 'GET', url: upstream.url('/') } },
    })
    expect(sent.statusCode).toBe(200)
    const { id } = sent.json<{ id: string }>()
    const uploaded = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'multipart/form-data; boundary=B' },
      payload: `--B\r\nContent-Disposition: form-data; name="file"; filename="f.txt"\r\nContent-Type: text/plain\r\n\r\nteam file\r\n--B--\r\n`,
    })
    expect(uploaded.statusCode).toBe(201)
    const file = uploaded.json<FileRef>()
    const collection = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/collections',
      payload: { name: 'Uploads' },
    })
    const saved = await team.as(team.users.editor, {
      method: 'POST',
      url: '/api/items',
      payload: {
        kind: 'request',
        collectionId: collection.json<{ id: string }>().id,
        parentId: null,
        name: 'Upload',
        request: RequestSpecSchema.parse({ method: 'PUT', url: upstream.url('/'), body: { kind: 'binary', file } }),
      },
    })
    expect(saved.statusCode).toBe(201)
    await team.fastify.close()
    age(join(dataDir, 'bodies', id))
    age(join(dataDir, 'files', file.fileId))

    // Starting again sweeps (plugins/services.ts; a listening server starts it, data-sweep.test.ts).
    await (await buildTeamTestApp({ dataDir })).fastify.dataSweep()
    expect(existsSync(join(dataDir, 'bodies', id))).toBe(true)
    expect(existsSync(join(dataDir, 'files', file.fileId))).toBe(true)
  })
})
