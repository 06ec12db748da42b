import { createHash, createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The credentials the signing target accepts. */
export const SIGNING = {
  aws: {
    accessKey: 'AKIDEXAMPLE',
    secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    region: 'eu-west-1',
    service: 'execute-api',
  },
  oauth1: {
    consumerKey: 'dpf43f3p2l4k3l03',
    consumerSecret: 'kd94hf93k423kf44',
    token: 'nnch734d00sl2jdk',
    tokenSecret: 'pfkkdhi9sl3r4s00',
  },
}

const enc = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
const sortPairs = (pairs: [string, string][]) =>
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))

/** SigV4 recomputed from the request received (AWS's documented algorithm, non-S3 paths, no body). */
function awsValid(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): boolean {
  const authorization = String(headers.authorization ?? '')
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    )
  if (!match) return false
  const [, key, day, region, service, signedList, signature] = match
  const { accessKey, secretKey } = SIGNING.aws
  if (key !== accessKey) return false
  const [path, query = ''] = url.split('?') as [string, string?]
  const canonicalPath = path
    .split('/')
    .map((piece) => enc(piece))
    .join('/')
  const canonicalQuery = sortPairs(
    query
      .split('&')
      .filter(Boolean)
      .map((piece) => piece.split('=').map((part) => enc(decodeURIComponent(part ?? ''))) as [string, string]),
  )
    .map(([n, v]) => `${n}=${v ?? ''}`)
    .join('&')
  const signed = signedList!.split(';')
  const canonicalHeaders = signed.map((name) => `${name}:${String(headers[name] ?? '').trim()}\n`).join('')
  const payload = createHash('sha256').update(body).digest('hex')
  const creq = [method, canonicalPath, canonicalQuery, canonicalHeaders, signedList, payload].join('\n')
  const date = String(headers['x-amz-date'] ?? '')
  const scope = `${day}/${region}/${service}/aws4_request`
  const sts = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(creq).digest('hex')].join('\n')
  const hmac = (k: string | Buffer, data: string) => createHmac('sha256', k).update(data).digest()
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day!), region!), service!), 'aws4_request')
  return createHmac('sha256', signingKey).update(sts).digest('hex') === signature
}

/** OAuth 1.0a HMAC-SHA1 recomputed from the Authorization header and URL received (RFC 5849 §3.4). */
function oauthValid(
  method: string,
  url: string,
  host: string,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  const authorization = String(headers.authorization ?? '')
  if (!authorization.startsWith('OAuth ')) return false
  const params = [...authorization.slice(6).matchAll(/(\w+)="([^"]*)"/g)].map(
    ([, k, v]) => [k!, decodeURIComponent(v!)] as [string, string],
  )
  const signature = params.find(([k]) => k === 'oauth_signature')?.[1]
  const [path, query = ''] = url.split('?') as [string, string?]
  const all: [string, string][] = [
    ...[...new URLSearchParams(query)],
    ...params.filter(([k]) => k !== 'oauth_signature' && k !== 'realm'),
  ]
  const normalized = sortPairs(all.map(([k, v]) => [enc(k), enc(v)]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const base = [method, `http://${host}${path}`, normalized].map(enc).join('&')
  const { consumerSecret, tokenSecret } = SIGNING.oauth1
  const expected = createHmac('sha1', `${enc(consumerSecret)}&${enc(tokenSecret)}`)
    .update(base)
    .digest('base64')
  return signature === expected
}

/** An API that answers 200 only to correctly signed requests: /aws/… checks SigV4, /oauth1/… OAuth 1.0a. */
export class SigningTarget {
  private server: Server | null = null
  port = 0

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const url = request.url ?? '/'
        const body = Buffer.concat(chunks)
        const ok = url.startsWith('/aws/')
          ? awsValid(request.method ?? '', url, request.headers, body)
          : oauthValid(request.method ?? '', url, String(request.headers.host), request.headers)
        response.statusCode = ok ? 200 : 403
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ verified: ok }))
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }
}
