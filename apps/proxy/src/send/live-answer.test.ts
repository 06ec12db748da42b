import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

// One value that needs percent-encoding in a URL and one that does not.
const TOKEN = 'zq tok/en+7788'
const PLAIN = 'zqplainsecret4242'
const BULLETS_ENCODED = '%E2%80%A2'

/** An echo server: what it received, in a body and a header; the exact bytes it answered are kept. */
async function echoUpstream() {
  const answered: Buffer[] = []
  const upstream = await startUpstream((request, response) => {
    const body = Buffer.from(`url=${request.url}\nx-plain=${request.headers['x-plain']}\n`)
    answered.push(body)
    response.setHeader('content-type', 'text/plain; charset=utf-8')
    response.setHeader('x-echo-plain', String(request.headers['x-plain']))
    response.end(body)
  })
  return { upstream, answered }
}

async function sendWithSecrets() {
  const app = await buildTestApp()
  const { upstream, answered } = await echoUpstream()
  const env = (
    await app.api({
      method: 'POST',
      url: '/api/environments',
      payload: {
        name: 'prod',
        variables: [
          { name: 'token', value: TOKEN, enabled: true, secret: true },
          { name: 'plain', value: PLAIN, enabled: true, secret: true },
        ],
      },
    })
  ).json()
  const sent = await app.api({
    method: 'POST',
    url: '/api/send',
    payload: {
      environmentId: env.id,
      request: {
        method: 'GET',
        url: `${upstream.url('/echo')}?t={{token}}&page=2`,
        headers: [['X-Plain', '{{plain}}', true]],
      },
    },
  })
  expect(sent.statusCode, sent.body).toBe(200)
  return { app, upstream, answered, record: sent.json() }
}

describe('the live answer and history with secret variables (issue 12 item 5)', () => {
  it('answers the response body and headers exactly as the upstream sent them', async () => {
    const { app, upstream, answered, record } = await sendWithSecrets()
    // The target got the real values.
    const target = new URL(`http://x/echo?t=${TOKEN}&page=2`)
    expect(upstream.received[0]!.url).toBe(`${target.pathname}${target.search}`)
    const exact = answered[0]!.toString('utf8')
    expect(exact).toContain(PLAIN)
    expect(record.body.inline).toBe(exact)
    expect(record.headers).toContainEqual(['x-echo-plain', PLAIN])
    const body = await app.api({ method: 'GET', url: `/api/responses/${record.id}/body` })
    expect(body.rawPayload.equals(answered[0]!)).toBe(true)
  })

  it('shows a secret variable on the request as its {{name}}, never its value or encoded bullets', async () => {
    const { record } = await sendWithSecrets()
    const request = JSON.stringify(record.request)
    expect(record.request.url).toMatch(/\/echo\?t=\{\{token\}\}&page=2$/)
    expect(record.request.headers).toContainEqual(['X-Plain', '{{plain}}'])
    expect(request).not.toContain(PLAIN)
    expect(request).not.toContain(encodeURIComponent(TOKEN))
    expect(request).not.toContain(BULLETS_ENCODED)
  })

  it('stores and indexes {{name}} in place of a secret variable, in the URL, headers and body', async () => {
    const { app, record } = await sendWithSecrets()
    const list = (await app.api({ method: 'GET', url: '/api/history?limit=5' })).json()
    expect(list.items[0].url).toMatch(/\/echo\?t=\{\{token\}\}&page=2$/)
    const entry = (await app.api({ method: 'GET', url: `/api/history/${record.id}` })).json()
    const stored = JSON.stringify(entry)
    expect(entry.url).toMatch(/\/echo\?t=\{\{token\}\}&page=2$/)
    expect(entry.response.request.url).toMatch(/\/echo\?t=\{\{token\}\}&page=2$/)
    expect(entry.response.request.headers).toContainEqual(['X-Plain', '{{plain}}'])
    expect(entry.response.headers).toContainEqual(['x-echo-plain', '{{plain}}'])
    expect(entry.response.body.inline).toContain('x-plain={{plain}}')
    expect(entry.response.body.inline).toContain('t={{token}}')
    for (const needle of [PLAIN, TOKEN, encodeURIComponent(TOKEN), BULLETS_ENCODED, '••••••'])
      expect.soft(stored, needle).not.toContain(needle)
    // Search finds the entry by the variable's name as shown, never by its value.
    const search = async (q: string) =>
      (await app.api({ method: 'GET', url: `/api/history?q=${encodeURIComponent(q)}` })).json().items.length
    expect(await search(PLAIN)).toBe(0)
    expect(await search('plain')).toBe(1)
  })
})
