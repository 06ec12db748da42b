import type { RequestSpecInput } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { send } from '../../test/send-kit.js'
import { cleanEnv, runCommand } from '../../test/run-command.js'
import { startUpstream } from '../../test/upstream.js'

/**
 * curl --aws-sigv4 is the judge: the same request, the same X-Amz-Date, sent by curl and by
 * Courier to one local server; the Authorization headers it received must be identical.
 */
const KEY = 'AKIDEXAMPLE'
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const DATE = '20150830T123600Z'

type Case = {
  name: string
  method: string
  path: string
  service: string
  region: string
  /** curl 7.88 signs the query in the order written (sorting came in curl 8.1); it gets it pre-sorted. */
  curlPath?: string
  headers?: [string, string][]
  body?: { contentType: string; text: string }
}

const CASES: Case[] = [
  { name: 'GET, root path', method: 'GET', path: '/', service: 'execute-api', region: 'us-east-1' },
  {
    name: 'GET, unsorted query',
    method: 'GET',
    path: '/items?b=2&a=1&A=0',
    curlPath: '/items?A=0&a=1&b=2',
    service: 'service',
    region: 'eu-west-1',
  },
  // Not for execute-api: curl 7.88 signs any path encoded once, where AWS (and aws4, request-signing.test.ts)
  // encode it twice for services other than S3.
  {
    name: 'GET S3, encoded path, own X-Amz-Content-Sha256',
    method: 'GET',
    path: '/bucket/a%20b/caf%C3%A9',
    service: 's3',
    region: 'us-east-1',
    headers: [['X-Amz-Content-Sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']],
  },
  {
    name: 'POST, JSON body',
    method: 'POST',
    path: '/things',
    service: 'execute-api',
    region: 'us-west-2',
    body: { contentType: 'application/json', text: '{"a":1}' },
  },
  {
    name: 'PUT, session token and extra x-amz header',
    method: 'PUT',
    path: '/bucket/key.txt',
    service: 'execute-api',
    region: 'ap-southeast-2',
    headers: [
      ['X-Amz-Security-Token', 'FQoGZXIvYXdzE//token'],
      ['X-Amz-Meta-Owner', 'team a'],
    ],
    body: { contentType: 'text/plain', text: 'hello' },
  },
]

describe('AWS Signature as curl --aws-sigv4 sends it', () => {
  it('gives the Authorization header curl gives, for every case', async () => {
    const upstream = await startUpstream((_, response) => response.end())
    const agreed: string[] = []
    for (const c of CASES) {
      const headers: [string, string][] = [['X-Amz-Date', DATE], ...(c.headers ?? [])]
      if (c.body) headers.push(['Content-Type', c.body.contentType])
      const args = [
        '-s',
        '-o',
        '/dev/null',
        '-X',
        c.method,
        '--aws-sigv4',
        `aws:amz:${c.region}:${c.service}`,
        '--user',
        `${KEY}:${SECRET}`,
        ...headers.flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
        ...(c.body ? ['--data-binary', c.body.text] : []),
        upstream.url(c.curlPath ?? c.path),
      ]
      const run = await runCommand('curl', args, process.cwd(), cleanEnv({}))
      expect(run.status, run.output).toBe(0)
      const spec: RequestSpecInput = {
        method: c.method,
        url: upstream.url(c.path),
        headers: headers.filter(([name]) => name !== 'Content-Type').map(([n, v]) => [n, v, true]),
        body: c.body ? { kind: 'raw', text: c.body.text, contentType: c.body.contentType } : { kind: 'none' },
        auth: { type: 'awsv4', config: { accessKey: KEY, secretKey: SECRET, region: c.region, service: c.service } },
      }
      await send(spec)
      const [fromCurl, fromCourier] = upstream.received
        .splice(0)
        .map((r) => r.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1])
      expect(fromCourier, c.name).toBe(fromCurl)
      agreed.push(c.name)
    }
    expect(agreed).toHaveLength(CASES.length)
  })
})
