import { createHash, createHmac, generateKeyPairSync, verify } from 'node:crypto'
import type { RequestSpecInput } from '@courier/shared'
import aws4 from 'aws4'
import OAuth from 'oauth-1.0a'
import { describe, expect, it } from 'vitest'
import { send } from '../../test/send-kit.js'
import { startUpstream, type ReceivedRequest } from '../../test/upstream.js'

/**
 * Every send here goes through the engine to a real local server, which checks the signature with
 * an independent implementation: aws4 (what Postman signs with) and oauth-1.0a.
 */
const AWS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const OAUTH = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
}

function header(request: ReceivedRequest, name: string): string | undefined {
  return request.headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

/** What aws4 computes for the request received, over the headers its Authorization says were signed. */
function awsExpected(request: ReceivedRequest, sessionToken?: string): string {
  const authorization = header(request, 'authorization') ?? ''
  const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? []
  const [, , region, service] = /Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\//.exec(authorization) ?? []
  const headers = Object.fromEntries(signed.map((name) => [name, header(request, name) ?? '']))
  const opts = {
    host: header(request, 'host'),
    path: request.url,
    method: request.method,
    headers,
    body: request.body.length ? request.body.toString('utf8') : undefined,
    service,
    region,
    extraHeadersToIgnore: { 'content-length': true },
  }
  const signedByAws4 = aws4.sign(opts, { ...AWS, ...(sessionToken ? { sessionToken } : {}) }) as {
    headers: Record<string, string>
  }
  return signedByAws4.headers.Authorization!
}

async function awsVerifier() {
  return startUpstream((request, response) => {
    const received = {
      method: request.method!,
      url: request.url!,
      headers: pairs(request.rawHeaders),
      body: request.body,
    }
    const ok = header(received, 'authorization') === awsExpected(received, header(received, 'x-amz-security-token'))
    response.statusCode = ok ? 200 : 403
    response.end(ok ? 'signature verified' : 'signature mismatch')
  })
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = []
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!])
  return out
}

function oauthParams(request: ReceivedRequest): Record<string, string> {
  const auth = header(request, 'authorization')
  if (auth?.startsWith('OAuth ')) {
    return Object.fromEntries(
      [...auth.slice(6).matchAll(/([\w]+)="([^"]*)"/g)].map(([, k, v]) => [k!, decodeURIComponent(v!)]),
    )
  }
  const query = new URLSearchParams(request.url.split('?')[1] ?? '')
  const body = new URLSearchParams(request.body.toString('utf8'))
  return Object.fromEntries([...query, ...body].filter(([k]) => k.startsWith('oauth_')))
}

/** oauth-1.0a recomputes the signature from what arrived: its URL, form fields and oauth_ parameters. */
function oauthVerifies(request: ReceivedRequest, port: number, hash: 'sha1' | 'sha256' = 'sha1'): boolean {
  const params = oauthParams(request)
  const { oauth_signature: signature, realm: _realm, ...data } = params
  const oauth = new OAuth({
    consumer: { key: OAUTH.consumerKey, secret: OAUTH.consumerSecret },
    signature_method: hash === 'sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256',
    hash_function: (base, key) => createHmac(hash, key).update(base).digest('base64'),
  })
  const isForm = /x-www-form-urlencoded/.test(header(request, 'content-type') ?? '')
  const form = isForm
    ? Object.fromEntries(
        [...new URLSearchParams(request.body.toString('utf8'))].filter(([k]) => !k.startsWith('oauth_')),
      )
    : {}
  const url = new URL(request.url, `http://127.0.0.1:${port}`)
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('oauth_')) url.searchParams.delete(key)
  const expected = oauth.getSignature(
    { url: url.href, method: request.method, data: form },
    OAUTH.tokenSecret,
    data as unknown as OAuth.Data,
  )
  return signature === expected
}

async function oauthVerifier(hash: 'sha1' | 'sha256' = 'sha1') {
  const upstream = await startUpstream((request, response) => {
    const received = {
      method: request.method!,
      url: request.url!,
      headers: pairs(request.rawHeaders),
      body: request.body,
    }
    const ok = oauthVerifies(received, upstream.port, hash)
    response.statusCode = ok ? 200 : 401
    response.end(ok ? 'signature verified' : 'signature mismatch')
  })
  return upstream
}

const aws = (config: Record<string, string>, spec: Partial<RequestSpecInput>): RequestSpecInput => ({
  method: 'GET',
  url: '',
  ...spec,
  auth: { type: 'awsv4', config: { accessKey: AWS.accessKeyId, secretKey: AWS.secretAccessKey, ...config } },
})

const oauth1 = (config: Record<string, unknown>, spec: Partial<RequestSpecInput>): RequestSpecInput => ({
  method: 'GET',
  url: '',
  ...spec,
  auth: { type: 'oauth1', config: { ...OAUTH, ...config } },
})

describe('AWS Signature Version 4 on the wire', () => {
  it('signs a GET with an encoded path and an unsorted query as aws4 verifies it', async () => {
    const upstream = await awsVerifier()
    const record = await send(
      aws({ region: 'eu-west-1', service: 'execute-api' }, { url: upstream.url('/items/a%20b/caf%C3%A9?b=2&a=1&a=0') }),
    )
    expect(record.status).toBe(200)
    const authorization = header(upstream.received[0]!, 'authorization')!
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$/,
    )
  })

  it('signs an S3 PUT with a session token and X-Amz-Content-Sha256 of the body sent', async () => {
    const upstream = await awsVerifier()
    const body = '{"name":"report final.pdf"}'
    const record = await send(
      aws(
        { region: 'us-east-1', service: 's3', sessionToken: 'FQoGZXIvYXdzE//session' },
        { method: 'PUT', url: upstream.url('/bucket/my%20key.json'), body: { kind: 'json', text: body } },
      ),
    )
    expect(record.status).toBe(200)
    const received = upstream.received[0]!
    expect(header(received, 'x-amz-content-sha256')).toBe(createHash('sha256').update(body).digest('hex'))
    expect(header(received, 'x-amz-security-token')).toBe('FQoGZXIvYXdzE//session')
    expect(header(received, 'authorization')).toContain(
      'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,',
    )
  })

  it('signs a form body as written, and a person’s X-Amz-Date row fixes the date', async () => {
    const upstream = await awsVerifier()
    const record = await send(
      aws(
        { region: 'us-east-1', service: 'service' },
        {
          method: 'POST',
          url: upstream.url('/'),
          headers: [['X-Amz-Date', '20150830T123600Z', true]],
          body: { kind: 'form', fields: [['Param1', 'value 1', true]] },
        },
      ),
    )
    expect(record.status).toBe(200)
    expect(header(upstream.received[0]!, 'authorization')).toContain(
      'Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request',
    )
  })

  it('is refused by the verifier when signed with another secret key', async () => {
    const upstream = await awsVerifier()
    const record = await send(aws({ secretKey: 'not-the-secret' }, { url: upstream.url('/') }))
    expect(record.status).toBe(403)
  })

  it('sends a redirect to another origin nothing the signature added, session token included', async () => {
    const other = await startUpstream((_, response) => response.end('elsewhere'))
    const upstream = await startUpstream((_, response) =>
      response.writeHead(307, { location: other.url('/away') }).end(),
    )
    const record = await send(aws({ sessionToken: 'FQoGZXIvYXdzE//session' }, { url: upstream.url('/start') }))
    expect(record.status).toBe(200)
    expect(header(upstream.received[0]!, 'x-amz-security-token')).toBe('FQoGZXIvYXdzE//session')
    const away = other.received[0]!
    expect(['authorization', 'x-amz-date', 'x-amz-security-token'].map((name) => header(away, name))).toEqual([
      undefined,
      undefined,
      undefined,
    ])
  })

  it('signs every retry again with its own date', async () => {
    let calls = 0
    const upstream = await startUpstream((request, response) => {
      calls++
      response.statusCode = calls === 1 ? 503 : 200
      response.end()
    })
    const times = [new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:07Z')]
    const record = await send(aws({}, { url: upstream.url('/'), settings: { retry: { attempts: 2, backoffMs: 0 } } }), {
      signingClock: { now: () => times.shift()!, nonce: () => 'n' },
    })
    expect(record.status).toBe(200)
    expect(upstream.received.map((r) => header(r, 'x-amz-date'))).toEqual(['20260101T000000Z', '20260101T000007Z'])
  })
})

describe('OAuth 1.0a on the wire', () => {
  it('signs HMAC-SHA1 in the Authorization header over the query as sent', async () => {
    const upstream = await oauthVerifier()
    const record = await send(
      oauth1({ realm: 'Photos' }, { url: upstream.url('/photos?file=vacation.jpg&size=original') }),
    )
    expect(record.status).toBe(200)
    const authorization = header(upstream.received[0]!, 'authorization')!
    expect(authorization).toMatch(
      /^OAuth realm="Photos",oauth_consumer_key="dpf43f3p2l4k3l03",oauth_token="nnch734d00sl2jdk",oauth_signature_method="HMAC-SHA1",oauth_timestamp="\d+",oauth_nonce="[A-Za-z0-9]{16}",oauth_version="1.0",oauth_signature="[^"]+"$/,
    )
  })

  it('signs HMAC-SHA256 with the form fields and puts the parameters in the form body', async () => {
    const upstream = await oauthVerifier('sha256')
    const record = await send(
      oauth1(
        { signatureMethod: 'HMAC-SHA256', addTo: 'body' },
        {
          method: 'POST',
          url: upstream.url('/status?x=1'),
          body: { kind: 'form', fields: [['status', 'Hello Ladies + Gentlemen', true]] },
        },
      ),
    )
    expect(record.status).toBe(200)
    const body = upstream.received[0]!.body.toString('utf8')
    expect(body).toMatch(/^status=Hello\+Ladies\+%2B\+Gentlemen&oauth_consumer_key=dpf43f3p2l4k3l03&/)
    expect(header(upstream.received[0]!, 'content-length')).toBe(String(Buffer.byteLength(body)))
    expect(header(upstream.received[0]!, 'authorization')).toBeUndefined()
  })

  it('is refused by the verifier when signed with another token secret', async () => {
    const upstream = await oauthVerifier()
    const record = await send(oauth1({ tokenSecret: 'wrong' }, { url: upstream.url('/photos') }))
    expect(record.status).toBe(401)
  })

  it('puts the parameters in the query when asked, with the fixed timestamp and nonce given', async () => {
    const upstream = await oauthVerifier()
    const record = await send(
      oauth1(
        { addTo: 'query', timestamp: '137131202', nonce: 'chapoH' },
        { url: upstream.url('/photos?file=vacation.jpg') },
      ),
    )
    expect(record.status).toBe(200)
    expect(upstream.received[0]!.url).toContain('&oauth_timestamp=137131202&oauth_nonce=chapoH&')
  })

  it('signs each redirect hop to the same origin again, and sends another origin no signature', async () => {
    const other = await startUpstream((_, response) => response.end('elsewhere'))
    const upstream = await startUpstream((request, response) => {
      if (request.url === '/start') {
        response.writeHead(302, { location: '/next?page=2' }).end()
      } else if (request.url === '/next?page=2') {
        const received = {
          method: request.method!,
          url: request.url,
          headers: pairs(request.rawHeaders),
          body: request.body,
        }
        if (!oauthVerifies(received, upstream.port)) response.statusCode = 401
        response.writeHead(response.statusCode === 401 ? 401 : 302, { location: other.url('/away') }).end()
      }
    })
    const nonces = ['first', 'second', 'third']
    const record = await send(oauth1({}, { url: upstream.url('/start') }), {
      signingClock: { now: () => new Date(), nonce: () => nonces.shift()! },
    })
    expect(record.status).toBe(200)
    expect(upstream.received.map((r) => /oauth_nonce="(\w+)"/.exec(header(r, 'authorization') ?? '')?.[1])).toEqual([
      'first',
      'second',
    ])
    expect(header(other.received[0]!, 'authorization')).toBeUndefined()
  })

  it('signs RSA-SHA256 with the private key, verified with the public key over oauth-1.0a’s base string', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const upstream = await startUpstream((request, response) => {
      const received = {
        method: request.method!,
        url: request.url!,
        headers: pairs(request.rawHeaders),
        body: request.body,
      }
      const { oauth_signature: signature, ...data } = oauthParams(received)
      const base = new OAuth({
        consumer: { key: OAUTH.consumerKey, secret: '' },
        signature_method: 'RSA-SHA256',
        hash_function: () => '',
      }).getBaseString(
        { url: `http://127.0.0.1:${upstream.port}${request.url}`, method: request.method!, data: {} },
        data as unknown as OAuth.Data,
      )
      const ok = verify('RSA-SHA256', Buffer.from(base), publicKey, Buffer.from(signature ?? '', 'base64'))
      response.statusCode = ok ? 200 : 401
      response.end()
    })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const record = await send(
      oauth1(
        { signatureMethod: 'RSA-SHA256', privateKey: pem, consumerSecret: '' },
        { url: upstream.url('/photos?size=original') },
      ),
    )
    expect(record.status, await record.storedBody().then(String)).toBe(200)
  })

  it('leaves the request unsigned, with a note, when the consumer secret is empty', async () => {
    const upstream = await startUpstream((_, response) => response.end())
    const record = await send(oauth1({ consumerSecret: '' }, { url: upstream.url('/') }))
    expect(header(upstream.received[0]!, 'authorization')).toBeUndefined()
    expect(record.notes).toContain('The OAuth 1.0 consumer secret is empty, so the request was not signed.')
  })

  it('answers AUTH_INVALID for an RSA key that is not a key', async () => {
    const upstream = await startUpstream((_, response) => response.end())
    const record = await send(
      oauth1({ signatureMethod: 'RSA-SHA256', privateKey: 'not a key' }, { url: upstream.url('/') }),
    )
    expect(record.error?.code).toBe('AUTH_INVALID')
    expect(upstream.received).toHaveLength(0)
  })
})
