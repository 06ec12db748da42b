import { describe, expect, it } from 'vitest'
import { sameTypedOrigin } from './fetch-schema'

describe('SDL from a URL: whether it is the API’s own origin (the request’s credentials go only there)', () => {
  it('compares scheme, host and port of parsable URLs', () => {
    expect(sameTypedOrigin('https://api.shop.test/schema.graphql', 'https://api.shop.test/graphql')).toBe(true)
    expect(sameTypedOrigin('https://raw.githubusercontent.com/x/schema.graphql', 'https://api.shop.test/graphql')).toBe(
      false,
    )
    expect(sameTypedOrigin('http://api.shop.test/schema', 'https://api.shop.test/graphql')).toBe(false)
    expect(sameTypedOrigin('https://api.shop.test:8443/schema', 'https://api.shop.test/graphql')).toBe(false)
  })

  it('compares a leading {{variable}} as typed', () => {
    expect(sameTypedOrigin('{{base}}/schema.graphql', '{{base}}/graphql')).toBe(true)
    expect(sameTypedOrigin('{{cdn}}/schema.graphql', '{{base}}/graphql')).toBe(false)
    expect(sameTypedOrigin('https://{{host}}/schema', 'https://{{host}}/graphql')).toBe(true)
  })
})
