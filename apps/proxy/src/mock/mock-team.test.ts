import { fetch } from 'undici'
import { describe, expect, it } from 'vitest'
import { actor } from '../test/live-server.js'
import { rawGet, startMockKit } from './mock-test-kit.js'

const MOCKS = 'https://mocks.team.example'

describe('mocks on a team server', () => {
  it('have a stable URL on --mock-public-url, whose host the listener answers', async () => {
    const kit = await startMockKit(
      { team: true, mocks: { off: false, publicUrl: MOCKS } },
      { ann: actor('u-ann', 'Ann'), bob: actor('u-bob', 'Bob') },
      MOCKS,
    )
    expect((await kit.live.call('GET', '/api/info', undefined, 'ann')).json).toMatchObject({ mockOrigin: MOCKS })
    const collectionId = await kit.collection(
      [{ method: 'GET', url: '{{baseUrl}}/status', examples: [{ name: 'Up', body: '{"up":true}' }] }],
      'ann',
    )
    const mock = await kit.createMock({ name: 'Status', source: { kind: 'collection', collectionId } }, 'ann')
    expect(mock.url).toBe(`${MOCKS}/mocks/${mock.id}`)
    const listed = await kit.live.call('GET', '/api/mocks', undefined, 'ann')
    expect(listed.json).toEqual([mock])

    // Behind the team's reverse proxy the call arrives with the public host; locally with the listener's.
    const viaProxy = await rawGet(`${kit.listener.origin}/mocks/${mock.id}/status`, 'mocks.team.example')
    expect(viaProxy).toEqual({ status: 200, body: '{"up":true}' })
    expect(await (await fetch(`${kit.listener.origin}/mocks/${mock.id}/status`)).text()).toBe('{"up":true}')
    expect((await rawGet(`${kit.listener.origin}/mocks/${mock.id}/status`, 'courier.team.example')).status).toBe(403)

    // Another person's workspace does not see it, and its id there is one that never existed.
    expect((await kit.live.call('GET', '/api/mocks', undefined, 'bob')).json).toEqual([])
    const foreign = await kit.live.call('PATCH', `/api/mocks/${mock.id}`, { version: 1, name: 'Mine now' }, 'bob')
    expect(foreign.status).toBe(404)
    expect((await kit.live.call('GET', `/api/mocks/${mock.id}/calls`, undefined, 'bob')).status).toBe(404)
  })
})
