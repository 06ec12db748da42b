import { describe, expect, it } from 'vitest'
import { DIALECTS, openTestStore } from '../test/dialects.js'

const flow = (state: string, expires: string) => ({
  state_hash: state.padEnd(64, '0'),
  binding_hash: 'b'.repeat(64),
  sealed: 'sealed:x',
  created_at: '2026-03-01T00:00:00.000Z',
  expires_at: expires,
})

for (const dialect of DIALECTS) {
  describe(`OpenID Connect flows and identities (${dialect.name})`, () => {
    it('hands a flow to exactly one of many simultaneous callbacks, and prunes expired ones', async () => {
      const store = await openTestStore(await dialect.target())
      await store.oidcFlows.create(flow('a', '2026-03-01T00:10:00.000Z'))
      await store.oidcFlows.create(flow('b', '2026-03-01T00:05:00.000Z'))
      const taken = await Promise.all(Array.from({ length: 8 }, () => store.oidcFlows.take('a'.padEnd(64, '0'))))
      expect(taken.filter(Boolean)).toHaveLength(1)
      expect(taken.find(Boolean)).toMatchObject({ binding_hash: 'b'.repeat(64), sealed: 'sealed:x' })
      expect(await store.oidcFlows.prune('2026-03-01T00:06:00.000Z')).toBe(1)
      expect(await store.oidcFlows.take('b'.padEnd(64, '0'))).toBeUndefined()
    })

    it('links an identity to one person only, once', async () => {
      const store = await openTestStore(await dialect.target())
      const at = '2026-03-01T00:00:00.000Z'
      const ana = await store.users.create({ id: 'u-ana', email: 'ana@example.com', name: 'Ana', created_at: at })
      const ben = await store.users.create({ id: 'u-ben', email: 'ben@example.com', name: 'Ben', created_at: at })
      expect(await store.users.linkSubject(ana.id, 'https://idp.test ana')).toBe(true)
      expect(await store.users.linkSubject(ana.id, 'https://idp.test ana')).toBe(true)
      expect(await store.users.bySubject('https://idp.test ana')).toMatchObject({ id: ana.id })
      // Taken by Ana: not Ben's; and Ana keeps her one identity.
      expect(await store.users.linkSubject(ben.id, 'https://idp.test ana')).toBe(false)
      expect(await store.users.linkSubject(ana.id, 'https://idp.test other')).toBe(false)
      expect((await store.users.get(ben.id))?.oidc_subject).toBeNull()
      expect(await store.users.bySubject('https://idp.test nobody')).toBeUndefined()
    })
  })
}
