import { describe, expect, it } from 'vitest'
import { cookiesFromHeaders, parseSetCookie } from './set-cookie-header.js'

describe('Set-Cookie parsing', () => {
  it('reads name, value and every attribute', () => {
    expect(
      parseSetCookie(
        'sid=abc123; Domain=.Example.COM; Path=/app; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Max-Age=3600; Secure; HttpOnly; SameSite=lax',
      ),
    ).toEqual({
      name: 'sid',
      value: 'abc123',
      domain: 'example.com',
      path: '/app',
      expires: '2026-10-21T07:28:00.000Z',
      maxAge: 3600,
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    })
  })

  it('keeps = inside values and ignores unknown or invalid attributes', () => {
    expect(parseSetCookie('token=a=b==; Path=relative; Expires=never; Priority=High')).toEqual({
      name: 'token',
      value: 'a=b==',
      secure: false,
      httpOnly: false,
    })
  })

  it('drops values without a name=value pair and keeps header order', () => {
    expect(parseSetCookie('garbage')).toBeNull()
    const cookies = cookiesFromHeaders([
      ['Set-Cookie', 'a=1'],
      ['Content-Type', 'text/plain'],
      ['set-cookie', 'nonsense'],
      ['set-cookie', 'b=2; HttpOnly'],
    ])
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly])).toEqual([
      ['a', false],
      ['b', true],
    ])
  })
})
