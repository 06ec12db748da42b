import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { newId } from '../ids.js'
import { SecretBox } from '../secrets/secret-box.js'
import { describePostgres, freshSchema } from '../test/postgres.js'
import { tempDataDir } from '../test/temp-dir.js'
import { openStore } from './open-store.js'
import type { Store } from './store.js'

function describeAuditReads(name: string, open: () => Promise<Store>) {
  describe(`${name}: reading a workspace's audit log`, () => {
    it("lists the workspace's own entries and its members' server-wide ones (sign-ins, token use), no one else's", async () => {
      const store = await open()
      const [ann, eve, stranger] = [newId(), newId(), newId()]
      const team = await store.memberships.createWorkspace('Payments', 'team', ann)
      const other = await store.memberships.createWorkspace('Other', 'team', stranger)
      await store.memberships.setRole(team.id, eve, 'viewer')
      const at = (minute: number) => `2026-12-02T01:${String(minute).padStart(2, '0')}:00.000Z`
      await store.audit.append({ userId: eve, workspaceId: null, action: 'sign-in', target: eve, at: at(1) })
      await store.audit.append({ userId: stranger, workspaceId: null, action: 'sign-in', target: stranger, at: at(2) })
      await store.audit.append({ userId: ann, workspaceId: team.id, action: 'item.update', target: 'i', at: at(3) })
      await store.audit.append({
        userId: stranger,
        workspaceId: other.id,
        action: 'item.update',
        target: 'j',
        at: at(4),
      })
      const page = await store.audit.list(team.id, { limit: 10 })
      expect(page.items.map((entry) => [entry.action, entry.userId])).toEqual([
        ['item.update', ann],
        ['sign-in', eve],
      ])
    })

    it('answers when an action on a target was last recorded', async () => {
      const store = await open()
      expect(await store.audit.latest('token.use', 'tok')).toBeUndefined()
      for (const at of ['2026-12-02T01:00:00.000Z', '2026-12-02T03:00:00.000Z', '2026-12-02T02:00:00.000Z'])
        await store.audit.append({ userId: 'u', workspaceId: null, action: 'token.use', target: 'tok', at })
      await store.audit.append({
        userId: 'u',
        workspaceId: null,
        action: 'token.use',
        target: 'other',
        at: '2026-12-02T04:00:00.000Z',
      })
      expect(await store.audit.latest('token.use', 'tok')).toBe('2026-12-02T03:00:00.000Z')
    })
  })
}

describeAuditReads('sqlite', async () => {
  const store = await openStore(
    { kind: 'sqlite', path: join(tempDataDir(), 'c.sqlite') },
    new SecretBox(randomBytes(32)),
  )
  onTestFinished(() => store.close())
  return store
})

describePostgres('audit reads on PostgreSQL (TEST_DATABASE_URL)', (url) => {
  describeAuditReads('postgres', async () => {
    const schema = await freshSchema(url, 'courier_audit')
    const store = await openStore({ kind: 'postgres', url: schema.url }, new SecretBox(randomBytes(32)))
    onTestFinished(async () => {
      await store.close()
      await schema.drop()
    })
    return store
  })
})
