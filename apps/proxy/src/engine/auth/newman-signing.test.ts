import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { exportPostman } from '@courier/shared/convert'
import { importPostmanText } from '@courier/shared/convert/postman'
import { describe, expect, it } from 'vitest'
import { cleanEnv, runCommand } from '../../test/run-command.js'
import { send } from '../../test/send-kit.js'
import { tempDataDir } from '../../test/temp-dir.js'
import { startUpstream, type ReceivedRequest } from '../../test/upstream.js'
import { sha256Hex, sigV4Authorization } from './aws-sigv4-signature.js'

/**
 * newman is the judge for Postman's oauth1 and awsv4 auth: one collection, run by newman and
 * imported into Courier, sent to one local server. OAuth 1.0 with a fixed timestamp and nonce
 * must give the same Authorization byte for byte. newman signs AWS requests with the current
 * time and every header it sends, so Courier's signer recomputes newman's own Authorization from
 * the request newman sent.
 */
const NEWMAN = fileURLToPath(new URL('../../../node_modules/newman/bin/newman.js', import.meta.url))

const param = (key: string, value: string | boolean) => ({
  key,
  value,
  type: typeof value === 'boolean' ? 'boolean' : 'string',
})

const oauth1 = (extra: Record<string, string | boolean>) => ({
  type: 'oauth1',
  oauth1: Object.entries({
    consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
    consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
    signatureMethod: 'HMAC-SHA1',
    timestamp: '1318622958',
    nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
    version: '1.0',
    addParamsToHeader: true,
    addEmptyParamsToSign: false,
    includeBodyHash: false,
    ...extra,
  }).map(([k, v]) => param(k, v)),
})

const awsv4 = (service: string, region: string, sessionToken = '') => ({
  type: 'awsv4',
  awsv4: [
    param('accessKey', 'AKIDEXAMPLE'),
    param('secretKey', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'),
    param('service', service),
    param('region', region),
    param('sessionToken', sessionToken),
  ],
})

function header(request: ReceivedRequest, name: string): string | undefined {
  return request.headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

/** Courier's SigV4 over what newman sent, with the headers and date newman signed. */
function courierSignatureOf(request: ReceivedRequest): string {
  const authorization = header(request, 'authorization') ?? ''
  const signed = /SignedHeaders=([^,]+)/.exec(authorization)![1]!.split(';')
  const [, region, service] = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(authorization)!
  const [path, query = ''] = request.url.split('?') as [string, string?]
  return sigV4Authorization(
    {
      method: request.method,
      path,
      query,
      headers: request.headers,
      signedHeaders: signed,
      payloadHash: header(request, 'x-amz-content-sha256') ?? sha256Hex(request.body),
      service: service!,
    },
    'AKIDEXAMPLE',
    'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    { amzDate: header(request, 'x-amz-date')!, region: region!, service: service! },
  )
}

describe('Postman oauth1 and awsv4 auth, against newman', () => {
  it('sends what newman sends', { timeout: 60_000 }, async () => {
    const upstream = await startUpstream((_, response) => response.end('ok'))
    const url = (path: string) => upstream.url(path)
    const items = [
      {
        name: 'oauth1 HMAC-SHA1 GET with query and realm',
        request: {
          method: 'GET',
          url: url('/1.1/statuses/show.json?id=123&include_entities=true'),
          auth: oauth1({ realm: 'Twitter API' }),
        },
      },
      {
        name: 'oauth1 HMAC-SHA256 form POST',
        request: {
          method: 'POST',
          url: url('/1.1/statuses/update.json?include_entities=true'),
          body: {
            mode: 'urlencoded',
            urlencoded: [{ key: 'status', value: 'Hello Ladies + Gentlemen, a signed OAuth request!' }],
          },
          auth: oauth1({ signatureMethod: 'HMAC-SHA256' }),
        },
      },
      {
        name: 'oauth1 HMAC-SHA512 JSON with body hash, callback and verifier',
        request: {
          method: 'PUT',
          url: url('/things/1'),
          header: [{ key: 'Content-Type', value: 'application/json' }],
          body: { mode: 'raw', raw: '{"name":"a thing"}' },
          auth: oauth1({
            signatureMethod: 'HMAC-SHA512',
            includeBodyHash: true,
            callback: 'https://app.example/cb',
            verifier: 'v3r1f13r',
          }),
        },
      },
      {
        name: 'awsv4 execute-api GET with query',
        request: { method: 'GET', url: url('/prod/items?b=2&a=1'), auth: awsv4('execute-api', 'eu-west-1') },
      },
      {
        name: 'awsv4 s3 PUT with session token',
        request: {
          method: 'PUT',
          url: url('/bucket/report.json'),
          header: [{ key: 'Content-Type', value: 'application/json' }],
          body: { mode: 'raw', raw: '{"a":1}' },
          auth: awsv4('s3', 'us-east-1', 'FQoGZXIvYXdzE-session'),
        },
      },
    ]
    const collection = {
      info: { name: 'Signing', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: items,
    }
    const dir = tempDataDir()
    const file = join(dir, 'collection.json')
    writeFileSync(file, JSON.stringify(collection))
    const run = await runCommand(process.execPath, [NEWMAN, 'run', file, '--reporters', 'cli'], dir, cleanEnv({}))
    expect(run.status, run.output).toBe(0)
    const byNewman = upstream.received.splice(0)
    expect(byNewman).toHaveLength(items.length)

    const imported = importPostmanText(JSON.stringify(collection))
    expect(imported.report.skipped).toEqual([])
    const requests = imported.collections[0]!.items.flatMap((item) => (item.kind === 'request' ? [item] : []))
    const agreed: string[] = []
    for (const [index, item] of requests.entries()) {
      const newman = byNewman[index]!
      expect(header(newman, 'authorization'), item.name).toMatch(/^(OAuth |AWS4-HMAC-SHA256 )/)
      if (item.request.auth.type === 'oauth1') {
        await send(item.request)
        const courier = upstream.received.splice(0)[0]!
        expect(header(courier, 'authorization'), item.name).toBe(header(newman, 'authorization'))
      } else {
        expect(item.request.auth.type).toBe('awsv4')
        expect(courierSignatureOf(newman), item.name).toBe(header(newman, 'authorization'))
      }
      agreed.push(item.name)
    }
    expect(agreed).toHaveLength(items.length)

    // Courier's export of what it imported runs in newman and signs the same way (OAuth 1.0 byte for byte).
    const exported = exportPostman(imported.collections[0]!, { includeSecrets: true })
    expect(exported.notes).toEqual([])
    writeFileSync(file, exported.text)
    const again = await runCommand(process.execPath, [NEWMAN, 'run', file, '--reporters', 'cli'], dir, cleanEnv({}))
    expect(again.status, again.output).toBe(0)
    const byNewmanAgain = upstream.received.splice(0)
    expect(byNewmanAgain).toHaveLength(items.length)
    for (const [index, item] of requests.entries()) {
      const first = byNewman[index]!
      const second = byNewmanAgain[index]!
      if (item.request.auth.type === 'oauth1')
        expect(header(second, 'authorization'), item.name).toBe(header(first, 'authorization'))
      else expect(courierSignatureOf(second), item.name).toBe(header(second, 'authorization'))
    }
  })
})
