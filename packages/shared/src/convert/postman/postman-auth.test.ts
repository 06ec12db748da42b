import { describe, expect, it } from 'vitest'
import { AwsSigV4ConfigSchema, OAuth1ConfigSchema, type Auth } from '../../request-spec.js'
import { mapAuthSecrets } from '../../auth-secrets.js'
import { authFromPostman, authToPostman } from './postman-auth.js'

const param = (key: string, value: string | boolean) => ({
  key,
  value,
  type: typeof value === 'boolean' ? 'boolean' : 'string',
})

describe('Postman oauth1 auth', () => {
  it('imports every field Postman has', () => {
    const { auth, problem } = authFromPostman({
      type: 'oauth1',
      oauth1: [
        param('consumerKey', 'ck'),
        param('consumerSecret', 'cs'),
        param('token', 'tk'),
        param('tokenSecret', 'ts'),
        param('signatureMethod', 'HMAC-SHA256'),
        param('timestamp', '1318622958'),
        param('nonce', 'abc'),
        param('version', '1.0'),
        param('realm', 'Example'),
        param('callback', 'https://cb.example'),
        param('verifier', 'v'),
        param('includeBodyHash', true),
        param('addEmptyParamsToSign', true),
        param('addParamsToHeader', false),
      ],
    })
    expect(problem).toBeUndefined()
    expect(auth).toEqual({
      type: 'oauth1',
      config: {
        consumerKey: 'ck',
        consumerSecret: 'cs',
        token: 'tk',
        tokenSecret: 'ts',
        signatureMethod: 'HMAC-SHA256',
        privateKey: '',
        timestamp: '1318622958',
        nonce: 'abc',
        version: '1.0',
        realm: 'Example',
        callback: 'https://cb.example',
        verifier: 'v',
        includeBodyHash: true,
        addEmptyParamsToSign: true,
        addTo: 'body',
      },
    })
  })

  it('names what it cannot carry', () => {
    const { auth, problem } = authFromPostman({
      type: 'oauth1',
      oauth1: [
        param('consumerKey', 'ck'),
        param('signatureMethod', 'HMAC-MD5'),
        param('disableHeaderEncoding', true),
        param('futureField', 'x'),
      ],
    })
    expect(auth.type === 'oauth1' && auth.config.signatureMethod).toBe('HMAC-SHA1')
    expect(problem).toContain('“HMAC-MD5”')
    expect(problem).toContain('“disableHeaderEncoding”')
    expect(problem).toContain('“futureField” is not carried')
  })

  it('exports booleans as booleans, so newman reads false as false, and comes back the same', () => {
    const auth: Auth = {
      type: 'oauth1',
      config: OAuth1ConfigSchema.parse({
        consumerKey: 'ck',
        consumerSecret: 'cs',
        includeBodyHash: true,
        addTo: 'body',
      }),
    }
    const out = authToPostman(auth)
    expect(out.problem).toBeUndefined()
    const params = (out.auth as unknown as { oauth1: { key: string; value: unknown; type: string }[] }).oauth1
    expect(params.find((p) => p.key === 'addParamsToHeader')).toEqual({
      key: 'addParamsToHeader',
      value: false,
      type: 'boolean',
    })
    expect(authFromPostman(out.auth).auth).toEqual(auth)
  })

  it('says that “add to the query” becomes Postman’s body-or-query', () => {
    const auth: Auth = { type: 'oauth1', config: OAuth1ConfigSchema.parse({ addTo: 'query' }) }
    expect(authToPostman(auth).problem).toMatch(/form body when there is one/)
  })
})

describe('Postman awsv4 auth', () => {
  it('imports and exports every field, and names addAuthDataToQuery, which Courier does not do', () => {
    const { auth, problem } = authFromPostman({
      type: 'awsv4',
      awsv4: [
        param('accessKey', 'AKID'),
        param('secretKey', 'secret'),
        param('sessionToken', 'session'),
        param('region', 'eu-west-1'),
        param('service', 's3'),
        param('addAuthDataToQuery', true),
      ],
    })
    expect(auth).toEqual({
      type: 'awsv4',
      config: { accessKey: 'AKID', secretKey: 'secret', sessionToken: 'session', region: 'eu-west-1', service: 's3' },
    })
    expect(problem).toContain('“addAuthDataToQuery”')
    expect(authFromPostman(authToPostman(auth).auth)).toEqual({ auth })
  })

  it('fills Postman’s defaults for an empty region and service', () => {
    const { auth } = authFromPostman({ type: 'awsv4', awsv4: [param('accessKey', 'AKID')] })
    expect(auth).toEqual({ type: 'awsv4', config: AwsSigV4ConfigSchema.parse({ accessKey: 'AKID' }) })
  })
})

describe('signing secrets', () => {
  it('are the fields masked everywhere auth secrets are', () => {
    const hide = () => '••••••'
    const oauth1 = mapAuthSecrets(
      {
        type: 'oauth1',
        config: OAuth1ConfigSchema.parse({
          consumerKey: 'ck',
          consumerSecret: 'cs',
          token: 'tk',
          tokenSecret: 'ts',
          privateKey: 'pem',
        }),
      },
      hide,
    )
    expect(oauth1.type === 'oauth1' && oauth1.config).toMatchObject({
      consumerKey: 'ck',
      consumerSecret: '••••••',
      token: 'tk',
      tokenSecret: '••••••',
      privateKey: '••••••',
    })
    const aws = mapAuthSecrets(
      { type: 'awsv4', config: AwsSigV4ConfigSchema.parse({ accessKey: 'AKID', secretKey: 'sk', sessionToken: 'st' }) },
      hide,
    )
    expect(aws.type === 'awsv4' && aws.config).toMatchObject({
      accessKey: 'AKID',
      secretKey: '••••••',
      sessionToken: '••••••',
    })
  })
})
