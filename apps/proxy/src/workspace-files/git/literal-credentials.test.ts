import { AuthSchema, OAuth1ConfigSchema, OAuth2ConfigSchema, AwsSigV4ConfigSchema, type Auth } from '@courier/shared'
import { filesOfEnvironment } from '@courier/shared/workspace-files'
import { describe, expect, it } from 'vitest'
import { folder, request, shopFiles } from './git-test-kit.js'
import { isLiteral, literalAuthFields, literalCredentials } from './literal-credentials.js'

const oauth2 = (c: Record<string, string>): Auth => ({ type: 'oauth2', config: OAuth2ConfigSchema.parse(c) })
const oauth1 = (c: Record<string, string>): Auth => ({ type: 'oauth1', config: OAuth1ConfigSchema.parse(c) })
const awsv4 = (c: Record<string, string>): Auth => ({ type: 'awsv4', config: AwsSigV4ConfigSchema.parse(c) })

describe('literalCredentials', () => {
  it('tells a typed value from {{variable}} references', () => {
    expect(isLiteral('s3cret')).toBe(true)
    expect(isLiteral('pre-{{token}}')).toBe(true)
    expect(isLiteral('{{token}}')).toBe(false)
    expect(isLiteral(' {{ token }} ')).toBe(false)
    expect(isLiteral('{{user}}{{pass}}')).toBe(false)
    expect(isLiteral('')).toBe(false)
    expect(isLiteral('   ')).toBe(false)
  })

  it('finds every auth type’s secret field typed literally, in words', () => {
    const cases: [Auth, string[]][] = [
      [{ type: 'basic', username: 'ann', password: 'pw' }, ['Basic auth password']],
      [{ type: 'digest', username: 'ann', password: 'pw' }, ['Digest auth password']],
      [{ type: 'bearer', token: 'abc', prefix: 'Bearer' }, ['Bearer token']],
      [{ type: 'apikey', name: 'X-Api-Key', value: 'k', in: 'header' }, ['API key value']],
      [oauth2({ clientSecret: 'cs', password: 'pw' }), ['OAuth 2.0 client secret', 'OAuth 2.0 password']],
      [
        oauth1({ consumerSecret: 'cs', tokenSecret: 'ts', privateKey: '-----BEGIN' }),
        ['OAuth 1.0 consumer secret', 'OAuth 1.0 token secret', 'OAuth 1.0 private key'],
      ],
      [awsv4({ accessKey: 'AKIA', secretKey: 'sk', sessionToken: 'st' }), ['AWS secret key', 'AWS session token']],
    ]
    for (const [auth, fields] of cases) {
      expect(AuthSchema.parse(auth)).toEqual(auth)
      expect(literalAuthFields(auth)).toEqual(fields)
    }
  })

  it('finds none where the secret is a {{variable}}, empty, or not a secret at all', () => {
    const cases: Auth[] = [
      { type: 'none' },
      { type: 'inherit' },
      { type: 'basic', username: 'ann', password: '{{password}}' },
      { type: 'digest', username: 'ann', password: '' },
      { type: 'bearer', token: '{{token}}', prefix: 'Bearer' },
      { type: 'apikey', name: 'X-Api-Key', value: '{{ apiKey }}', in: 'query' },
      oauth2({ clientId: 'public-id', clientSecret: '{{clientSecret}}' }),
      oauth1({ consumerKey: 'key', token: 'public-token', consumerSecret: '{{cs}}' }),
      awsv4({ accessKey: 'AKIA', secretKey: '{{aws_secret}}' }),
    ]
    for (const auth of cases) expect(literalAuthFields(auth)).toEqual([])
  })

  it('names the request, folder or collection file holding one', () => {
    const files = [
      ...shopFiles(
        [
          request('r1', 'Login', { auth: { type: 'basic', username: 'ann', password: 'hunter2' } }),
          request('r2', 'Safe', { auth: { type: 'bearer', token: '{{token}}', prefix: 'Bearer' } }),
          folder('f1', 'Admin', { auth: { type: 'apikey', name: 'k', value: 'literal', in: 'header' } }),
        ],
        { auth: { type: 'bearer', token: 'tok-123', prefix: 'Bearer' } },
      ),
      filesOfEnvironment({
        id: 'e1',
        name: 'Dev',
        variables: [{ name: 'password', value: 'not auth', enabled: true, secret: false }],
        version: 1,
        updatedAt: '2026-01-01T00:00:00.000Z',
      }),
      { path: 'collections/shop/broken.yaml', text: 'courier: 1\nid: [' },
    ]
    expect(literalCredentials(files)).toEqual([
      { path: 'collections/shop/admin/folder.yaml', name: 'Admin', field: 'API key value' },
      { path: 'collections/shop/collection.yaml', name: 'Shop', field: 'Bearer token' },
      { path: 'collections/shop/login.yaml', name: 'Login', field: 'Basic auth password' },
    ])
    expect(JSON.stringify(literalCredentials(files))).not.toContain('hunter2')
  })

  it('finds a secret variable given a value in the file by hand, not one written without', () => {
    const env = filesOfEnvironment({
      id: 'e1',
      name: 'Dev',
      variables: [{ name: 'token', value: 'sealed elsewhere', enabled: true, secret: true }],
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
    })
    expect(env.text).not.toContain('sealed elsewhere')
    expect(literalCredentials([env])).toEqual([])
    const typed =
      'courier: 1\nid: e1\nname: Dev\nvariables:\n  - name: token\n    value: abc\n    secret: true\n  - name: ref\n    value: "{{other}}"\n    secret: true\n'
    expect(literalCredentials([{ path: 'environments/dev.yaml', text: typed }])).toEqual([
      { path: 'environments/dev.yaml', name: 'Dev', field: 'secret variable token' },
    ])
    const folderText = 'courier: 1\nid: f1\nname: Admin\nvariables:\n  - name: key\n    value: k\n    secret: true\n'
    expect(literalCredentials([{ path: 'collections/shop/admin/folder.yaml', text: folderText }])).toEqual([
      { path: 'collections/shop/admin/folder.yaml', name: 'Admin', field: 'secret variable key' },
    ])
  })
})
