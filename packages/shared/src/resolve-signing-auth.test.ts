import { describe, expect, it } from 'vitest'
import { scopesFor } from './inheritance.js'
import { AwsSigV4ConfigSchema, OAuth1ConfigSchema, RequestSpecSchema } from './request-spec.js'
import { resolveSpec } from './resolve-spec.js'

describe('resolveSpec on OAuth 1.0 and AWS Signature', () => {
  const scopes = scopesFor(
    {
      name: 'dev',
      variables: [
        { name: 'v', value: 'resolved', enabled: true, secret: false },
        { name: 's', value: 'hidden', enabled: true, secret: true },
      ],
    },
    [],
    [],
  )

  it('resolves {{variables}} in every text field of OAuth 1.0', () => {
    const fields = [
      'consumerKey',
      'consumerSecret',
      'token',
      'tokenSecret',
      'privateKey',
      'timestamp',
      'nonce',
      'version',
      'realm',
      'callback',
      'verifier',
    ] as const
    const config = OAuth1ConfigSchema.parse(Object.fromEntries(fields.map((f) => [f, `{{v}}-${f}`])))
    const spec = RequestSpecSchema.parse({ method: 'GET', url: 'https://x.test/', auth: { type: 'oauth1', config } })
    const { spec: resolved, report } = resolveSpec(spec, scopes)
    expect(resolved.auth.type === 'oauth1' && resolved.auth.config).toEqual({
      ...config,
      ...Object.fromEntries(fields.map((f) => [f, `resolved-${f}`])),
    })
    expect(report.unresolved).toEqual([])
  })

  it('resolves {{variables}} in every field of AWS Signature, secrets reported as used', () => {
    const config = AwsSigV4ConfigSchema.parse({
      accessKey: '{{v}}',
      secretKey: '{{s}}',
      sessionToken: '{{s}}',
      region: '{{v}}',
      service: '{{v}}',
    })
    const spec = RequestSpecSchema.parse({ method: 'GET', url: 'https://x.test/', auth: { type: 'awsv4', config } })
    const { spec: resolved, report } = resolveSpec(spec, scopes)
    expect(resolved.auth).toEqual({
      type: 'awsv4',
      config: {
        accessKey: 'resolved',
        secretKey: 'hidden',
        sessionToken: 'hidden',
        region: 'resolved',
        service: 'resolved',
      },
    })
    expect(report.used.filter((u) => u.secret).map((u) => u.value)).toContain('hidden')
  })
})
