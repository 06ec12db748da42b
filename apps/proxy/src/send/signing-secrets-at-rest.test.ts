import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTestApp, tempDataDir } from '../test/build-test-app.js'
import { startUpstream } from '../test/upstream.js'

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(path)
    return entry.isFile() ? [path] : []
  })
}

const SECRETS = {
  awsSecretKey: 'zqawssecret4471',
  awsSessionToken: 'zqawssession9032',
  oauthConsumerSecret: 'zqconsumersecret1207',
  oauthTokenSecret: 'zqtokensecret5586',
}

describe('OAuth 1.0 and AWS Signature secrets in history and the data folder', () => {
  it('keeps neither the secrets nor the signatures made from them, even echoed back', { timeout: 60_000 }, async () => {
    const dataDir = tempDataDir()
    const app = await buildTestApp({ dataDir })
    const signatures: string[] = []
    const upstream = await startUpstream((request, response) => {
      const authorization = request.headers.authorization ?? ''
      const signature =
        /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ??
        /oauth_signature=([^&]+)/.exec(request.url ?? '')?.[1] ??
        /oauth_signature="([^"]+)"/.exec(authorization)?.[1]
      if (signature) signatures.push(decodeURIComponent(signature))
      response.setHeader('content-type', 'application/json')
      // Like a server that logs the signature it checked, on its own.
      response.end(
        JSON.stringify({ word: 'zqordinaryword', url: request.url, headers: request.rawHeaders, checked: signature }),
      )
    })
    const send = async (request: Record<string, unknown>) => {
      const response = await app.api({
        method: 'POST',
        url: '/api/send',
        payload: { request: { method: 'GET', ...request } },
      })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().status).toBe(200)
      return response.json().id as string
    }
    const ids = [
      await send({
        url: upstream.url('/echo/aws'),
        auth: {
          type: 'awsv4',
          config: { accessKey: 'AKIDEXAMPLE', secretKey: SECRETS.awsSecretKey, sessionToken: SECRETS.awsSessionToken },
        },
      }),
      await send({
        url: upstream.url('/echo/oauth-header'),
        auth: {
          type: 'oauth1',
          config: {
            consumerKey: 'ck',
            consumerSecret: SECRETS.oauthConsumerSecret,
            token: 'tk',
            tokenSecret: SECRETS.oauthTokenSecret,
          },
        },
      }),
      await send({
        url: upstream.url('/echo/oauth-query?page=2'),
        auth: {
          type: 'oauth1',
          config: {
            consumerKey: 'ck',
            consumerSecret: SECRETS.oauthConsumerSecret,
            tokenSecret: SECRETS.oauthTokenSecret,
            signatureMethod: 'PLAINTEXT',
            addTo: 'query',
          },
        },
      }),
    ]
    expect(signatures).toHaveLength(3)

    const found = async (q: string) =>
      (await app.api({ method: 'GET', url: `/api/history?limit=50&q=${encodeURIComponent(q)}` }))
        .json()
        .items.map((item: { id: string }) => item.id)
    expect((await found('zqordinaryword')).sort()).toEqual([...ids].sort())
    for (const [name, secret] of Object.entries(SECRETS))
      expect.soft(await found(secret), `?q= for the ${name}`).toEqual([])
    const awsSignature = signatures.find((signature) => /^[0-9a-f]{64}$/.test(signature))!
    expect.soft(await found(awsSignature), '?q= for the AWS signature the server logged').toEqual([])

    // PLAINTEXT's signature is the secrets themselves: it must not be kept either.
    const needles = [...Object.values(SECRETS), ...signatures, ...signatures.map(encodeURIComponent)]
    for (const file of filesUnder(dataDir)) {
      const bytes = readFileSync(file)
      for (const needle of needles) expect.soft(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false)
    }
  })
})
