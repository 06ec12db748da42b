import { readFileSync } from 'node:fs'
import type { Pair } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { canonicalQuery, canonicalUri, sha256Hex, sigV4Authorization } from './aws-sigv4-signature.js'

type SuiteCase = {
  name: string
  method: string
  path: string
  query: Pair[]
  headers: Pair[]
  body: string
  authorization: string
}
const suite = JSON.parse(readFileSync(new URL('./fixtures/aws-sigv4-suite.json', import.meta.url), 'utf8')) as {
  region: string
  service: string
  accessKey: string
  secretKey: string
  cases: SuiteCase[]
}

describe("AWS's Signature Version 4 test suite", () => {
  it.each(suite.cases.map((c) => [c.name, c] as const))('%s gives the published Authorization', (_, c) => {
    // The query as a URL writes it on the wire: each name and value percent-encoded.
    const query = c.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')
    const authorization = sigV4Authorization(
      {
        method: c.method,
        path: c.path,
        query,
        headers: c.headers,
        signedHeaders: c.headers.map(([name]) => name.toLowerCase()),
        payloadHash: sha256Hex(c.body),
        service: suite.service,
      },
      suite.accessKey,
      suite.secretKey,
      { amzDate: '20150830T123600Z', region: suite.region, service: suite.service },
    )
    expect(authorization).toBe(c.authorization)
  })
})

describe('canonical URI and query', () => {
  it('encodes each already-encoded path segment again for services other than S3', () => {
    expect(canonicalUri('/a%20b/c', 'execute-api')).toBe('/a%2520b/c')
    expect(canonicalUri('/a//b/./c/../d', 'execute-api')).toBe('/a/b/d')
  })

  it('encodes the S3 path once and leaves its slashes and dots alone', () => {
    expect(canonicalUri('/my%20key/a//b/./c', 's3')).toBe('/my%20key/a//b/./c')
    expect(canonicalUri('/caf%C3%A9', 's3')).toBe('/caf%C3%A9')
  })

  it('sorts the query by name then value and encodes it the AWS way', () => {
    expect(canonicalQuery('b=2&a=z&a=y&c=a+b&d=%7E!')).toBe('a=y&a=z&b=2&c=a%20b&d=~%21')
  })
})
