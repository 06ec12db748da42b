import type { Hop, SetCookie } from '@courier/shared'
import { describe, expect, it } from 'vitest'
import { cookiesOf } from './cookies-of'

const hop = (setCookie: string) => ({ headers: [['Set-Cookie', setCookie]] }) as unknown as Hop

describe('cookiesOf', () => {
  it('parses Set-Cookie from every hop, then the final answer, when the engine gave none', () => {
    const cookies = cookiesOf({
      cookies: [],
      hops: [hop('first=1; Path=/')],
      headers: [['Set-Cookie', 'last=2; HttpOnly']],
    })
    expect(cookies.map((cookie) => [cookie.name, cookie.value, cookie.httpOnly])).toEqual([
      ['first', '1', false],
      ['last', '2', true],
    ])
  })

  it("prefers the engine's cookies, which know what the jar kept", () => {
    const engine: SetCookie[] = [
      { name: 'sid', value: 'x', secure: true, httpOnly: true, stored: false, rejectedReason: 'Domain mismatch' },
    ]
    expect(cookiesOf({ cookies: engine, hops: [], headers: [['Set-Cookie', 'other=1']] })).toBe(engine)
  })
})
