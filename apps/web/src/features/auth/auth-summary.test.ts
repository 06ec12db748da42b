import { AuthSchema } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { authSummary, effectiveAuth } from './auth-summary'

describe('authSummary', () => {
  it('says what is sent without the secret', () => {
    expect(authSummary(AuthSchema.parse({ type: 'bearer', token: 'secret', prefix: 'token' }))).toBe(
      'Bearer token (prefix “token”)',
    )
    expect(authSummary(AuthSchema.parse({ type: 'apikey', name: 'X-Key', value: 'secret', in: 'query' }))).toBe(
      'API key X-Key in the query',
    )
    expect(
      authSummary(AuthSchema.parse({ type: 'oauth2', config: { grant: 'client_credentials', clientId: 'svc' } })),
    ).toBe('OAuth 2.0, client credentials for svc')
    for (const auth of [
      { type: 'basic', username: 'u', password: 'secret' },
      { type: 'digest', username: 'u', password: 'secret' },
    ]) {
      expect(authSummary(AuthSchema.parse(auth))).not.toContain('secret')
    }
  })
})

describe('effectiveAuth', () => {
  const bearer = AuthSchema.parse({ type: 'bearer', token: 't' })
  it('takes the parent’s auth for inherit, and none without a parent', () => {
    expect(effectiveAuth({ type: 'inherit' }, { auth: bearer })).toBe(bearer)
    expect(effectiveAuth({ type: 'inherit' }, null)).toEqual({ type: 'none' })
    expect(effectiveAuth({ type: 'inherit' }, undefined)).toEqual({ type: 'none' })
    expect(effectiveAuth(bearer, null)).toBe(bearer)
  })
})
