import type { MockCall } from '@courier/shared'
import { fetch } from 'undici'
import { describe, expect, it } from 'vitest'
import { startMockKit } from './mock-test-kit.js'

describe('mock answers, as a review found them wanting', () => {
  it('an HTML example runs sandboxed, and its own caching and sniffing headers give way', async () => {
    const kit = await startMockKit()
    const collectionId = await kit.collection([
      {
        method: 'GET',
        url: '{{baseUrl}}/page',
        examples: [
          {
            name: 'Page',
            headers: [
              ['Content-Type', 'text/html'],
              ['Cache-Control', 'public, max-age=31536000'],
              ['X-Content-Type-Options', 'none'],
            ],
            body: '<script>document.cookie="courier_session_1=x; Path=/api"</script>',
          },
        ],
      },
    ])
    const mock = await kit.createMock({
      name: 'Html',
      source: { kind: 'collection', collectionId },
      allowedOrigins: ['http://localhost:5173'],
    })
    const answer = await fetch(`${mock.url}/page`, { headers: { origin: 'http://evil.example' } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-security-policy')).toBe('sandbox')
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    // An origin not listed gets no CORS, and the answer still says it depends on Origin.
    expect(answer.headers.get('access-control-allow-origin')).toBeNull()
    expect(answer.headers.get('vary')).toBe('Origin')
    await answer.text()
  })

  it('masks a token in the query in the call log every member reads', async () => {
    const kit = await startMockKit()
    const collectionId = await kit.collection([
      { method: 'GET', url: '{{baseUrl}}/me', examples: [{ name: 'Me', body: 'me' }] },
    ])
    const mock = await kit.createMock({ name: 'Log', source: { kind: 'collection', collectionId } })
    const logged = kit.nextChange(mock.id)
    await (await fetch(`${mock.url}/me?access_token=tok-abc-123&page=2`)).text()
    await logged
    const calls = (await kit.live.call('GET', `/api/mocks/${mock.id}/calls`)).json as { items: MockCall[] }
    expect(calls.items[0]!.path).not.toContain('tok-abc-123')
    expect(calls.items[0]!.path).toMatch(/^\/me\?access_token=.+&page=2$/)
  })
})
