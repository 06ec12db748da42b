import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SecretBox } from '../secrets/secret-box.js'
import { DIALECTS, openTestStore } from '../test/dialects.js'
import { CookieJars, DEFAULT_JAR, jarOf } from './cookie-jars.js'

const cookie = (name: string, value: string) => ({
  domain: 'api.example.com',
  path: '/',
  name,
  value,
  expires: null,
  secure: false,
  httpOnly: false,
  sameSite: null,
  hostOnly: true,
})

describe.each(DIALECTS)('cookie jars on $name', ({ target }) => {
  it('never serves one instance’s stale jar after another instance changed it', async () => {
    const at = await target()
    const box = new SecretBox(randomBytes(32))
    // Two Courier instances on one database, each with its own jar cache.
    const a = new CookieJars((await openTestStore(at, box)).cookieJars)
    const b = new CookieJars((await openTestStore(at, box)).cookieJars)
    const jar = jarOf('ann')

    expect(await a.list(jar)).toEqual([])
    await b.put(cookie('session', 'from-b'), jar)
    expect((await a.list(jar)).map((c) => c.value)).toEqual(['from-b'])
    await a.put(cookie('theme', 'dark'), jar)
    expect((await b.list(jar)).map((c) => c.name)).toEqual(['session', 'theme'])
    await b.clear(jar)
    expect(await a.list(jar)).toEqual([])
  })

  it('refuses a cookie for a special-use domain with a code and a sentence, not a crash', async () => {
    const jars = new CookieJars((await openTestStore(await target())).cookieJars)
    for (const domain of ['walk.test', 'shop.localhost']) {
      const refused = await jars.put({ ...cookie('c', 'v'), domain }).then(
        () => null,
        (error: unknown) => error,
      )
      expect(refused).toMatchObject({ code: 'INVALID_REQUEST', extra: { field: 'domain' } })
      expect((refused as Error).message).toMatch(/^A cookie cannot be set for “.+”: .+\.$/)
    }
    expect(await jars.list(DEFAULT_JAR)).toEqual([])
  })

  it('keeps both cookies when two sends in one instance change one jar at once', async () => {
    const jars = new CookieJars((await openTestStore(await target())).cookieJars)
    const [first, second] = await Promise.all([jars.get(jarOf('ann')), jars.get(jarOf('ann'))])
    expect(first).toBe(second)
    await first.setCookie('a=1', 'http://api.example.com/')
    await second.setCookie('b=2', 'http://api.example.com/')
    await Promise.all([jars.persist(jarOf('ann')), jars.persist(jarOf('ann'))])
    expect((await jars.list(jarOf('ann'))).map((c) => c.name)).toEqual(['a', 'b'])
  })

  it('gives each person a jar of their own; the local user keeps today’s jar', async () => {
    const jars = new CookieJars((await openTestStore(await target())).cookieJars)
    expect(jarOf('local')).toBe(DEFAULT_JAR)
    await jars.put(cookie('session', 'ann'), jarOf('ann'))
    expect(await jars.list(jarOf('bob'))).toEqual([])
    expect(await jars.list(DEFAULT_JAR)).toEqual([])
    expect((await jars.list(jarOf('ann'))).map((c) => c.value)).toEqual(['ann'])
  })
})
