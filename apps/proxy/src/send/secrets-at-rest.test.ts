import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

/** Every file under `dir`: the database, its -wal and -shm, the sealed bodies and uploads, anything else. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(path)
    return entry.isFile() ? [path] : []
  })
}

/** The secret as it could sit in a file: raw, percent-encoded, form-encoded, as base64. */
function encodings(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      Buffer.from(secret).toString('base64'),
    ]),
  ]
}

// Letters and digits only where search must be able to find the word; the last two need encoding.
const SECRETS = {
  bearer: 'zqbearertok4417',
  basicPassword: 'zqbasicpw5521',
  apiKeyInQuery: 'zqapikeyquery8812',
  apiKeyInHeader: 'zqapikeyheader3390',
  xApiKey: 'zqxapikey6671',
  cookie: 'zqcookieval2218',
  accessToken: 'zqaccesstok7734',
  secretVariable: 'zqsecretvar1187',
  setCookie: 'zqsetcookie4409',
  jsonPassword: 'zqjsonpw3141',
  issuedAccess: 'zqissuedaccess2718',
  issuedRefresh: 'zqissuedrefresh1618',
  typedBasicPassword: 'zqtypedpw7071',
  multipartSecret: 'zqmultipartsecret6060',
  formPassword: 'zq form/pw&9921',
  queryToken: 'zq tok+en/5050',
}

describe('secrets in history, its search index and the data folder (issue 10 item 4)', () => {
  it('keeps no secret a send carried, even when the upstream echoes them back', { timeout: 60_000 }, async () => {
    const dataDir = tempDataDir()
    const app = await buildTestApp({ dataDir })
    // An echo endpoint (everything it received) that also logs the user in with a session cookie.
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      if (request.url === '/token')
        return response.end(
          JSON.stringify({
            access_token: SECRETS.issuedAccess,
            refresh_token: SECRETS.issuedRefresh,
            token_type: 'Bearer',
            note: 'zqordinaryword',
          }),
        )
      response.setHeader('set-cookie', `session=${SECRETS.setCookie}; Path=/; HttpOnly`)
      // Like a server that logs whom it let in: the Basic credentials, decoded and split.
      const basic = /^Basic (\S+)$/.exec(request.headers.authorization ?? '')?.[1]
      const [user, password] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : []
      response.end(
        JSON.stringify({
          word: 'zqordinaryword',
          method: request.method,
          url: request.url,
          headers: request.rawHeaders,
          body: request.body.toString('utf8'),
          session: SECRETS.setCookie,
          letIn: [user, password],
        }),
      )
    })
    const env = (
      await app.api({
        method: 'POST',
        url: '/api/environments',
        payload: {
          name: 'prod',
          variables: [{ name: 'traceKey', value: SECRETS.secretVariable, enabled: true, secret: true }],
        },
      })
    ).json()
    const send = async (request: Record<string, unknown>) => {
      const response = await app.api({
        method: 'POST',
        url: '/api/send',
        payload: { environmentId: env.id, request: { method: 'GET', ...request } },
      })
      expect(response.statusCode, response.body).toBe(200)
      return response.json().id as string
    }
    const ids = [
      await send({ url: upstream.url('/echo/bearer'), auth: { type: 'bearer', token: SECRETS.bearer } }),
      await send({
        url: upstream.url('/echo/basic'),
        auth: { type: 'basic', username: 'ada', password: SECRETS.basicPassword },
      }),
      await send({
        url: upstream.url('/echo/typed-basic'),
        headers: [
          ['Authorization', `Basic ${Buffer.from(`bob:${SECRETS.typedBasicPassword}`).toString('base64')}`, true],
        ],
      }),
      await send({
        url: upstream.url('/echo/key-in-query'),
        auth: { type: 'apikey', name: 'zqkeyname', value: SECRETS.apiKeyInQuery, in: 'query' },
      }),
      await send({
        url: upstream.url('/echo/key-in-header'),
        auth: { type: 'apikey', name: 'X-Custom-Auth', value: SECRETS.apiKeyInHeader, in: 'header' },
      }),
      await send({
        url: `${upstream.url('/echo/headers')}?access_token=${SECRETS.accessToken}&token=${encodeURIComponent(SECRETS.queryToken)}&page=2`,
        headers: [
          ['X-Api-Key', SECRETS.xApiKey, true],
          ['Cookie', `theme=dark; session=${SECRETS.cookie}`, true],
          ['X-Trace', '{{traceKey}}', true],
        ],
      }),
      await send({
        method: 'POST',
        url: upstream.url('/echo/login'),
        body: {
          kind: 'form',
          fields: [
            ['user', 'ada', true],
            ['password', SECRETS.formPassword, true],
          ],
        },
      }),
      await send({
        method: 'POST',
        url: upstream.url('/echo/upload'),
        body: {
          kind: 'multipart',
          parts: [
            { kind: 'text', name: 'title', value: 'report' },
            { kind: 'text', name: 'client_secret', value: SECRETS.multipartSecret },
          ],
        },
      }),
      // A login answer: the tokens it hands out, and the password of the JSON request that asked.
      await send({
        method: 'POST',
        url: upstream.url('/token'),
        body: { kind: 'json', text: JSON.stringify({ username: 'ada', password: SECRETS.jsonPassword }) },
      }),
    ]

    // Search finds the entries by an ordinary word, never by a secret.
    const found = async (q: string) =>
      (await app.api({ method: 'GET', url: `/api/history?limit=50&q=${encodeURIComponent(q)}` }))
        .json()
        .items.map((item: { id: string }) => item.id)
    expect((await found('zqordinaryword')).sort()).toEqual([...ids].sort())
    expect(await found('page')).toHaveLength(1)
    for (const [name, secret] of Object.entries(SECRETS)) {
      if (/^[a-z0-9]+$/.test(secret)) expect.soft(await found(secret), `?q= for the ${name} secret`).toEqual([])
    }
    const basic = Buffer.from(`ada:${SECRETS.basicPassword}`).toString('base64')
    expect.soft(await found(basic), '?q= for the Basic credentials').toEqual([])

    // Nothing in the data folder holds a secret, in any obvious encoding.
    const needles = [...Object.values(SECRETS).flatMap(encodings), basic, `ada:${SECRETS.basicPassword}`]
    const files = filesUnder(dataDir)
    expect(files.map((file) => relative(dataDir, file))).toEqual(
      expect.arrayContaining(['courier.sqlite', 'courier.sqlite-wal', 'courier.sqlite-shm']),
    )
    for (const file of files) {
      const bytes = readFileSync(file)
      for (const needle of needles)
        expect.soft(bytes.includes(Buffer.from(needle)), `${needle} in ${relative(dataDir, file)}`).toBe(false)
    }
  })
})
