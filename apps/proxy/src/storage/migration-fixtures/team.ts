import { expect } from 'vitest'
import { T0, request, type MigrationFixture } from './fixture.js'

const WORKSPACE = '01900000-0000-7000-8000-000000000111'
const USER = '01900000-0000-7000-8000-000000000112'
const COLLECTION = '01900000-0000-7000-8000-000000000113'
const ITEM = '01900000-0000-7000-8000-000000000114'

export const teamFixtures: Record<string, MigrationFixture> = {
  '0011-team': {
    async seed({ db }) {
      await db.insertInto('workspaces').values({ id: WORKSPACE, name: 'Team', kind: 'team', created_at: T0 }).execute()
      await db
        .insertInto('users')
        .values({
          id: USER,
          email: 'ann@team.test',
          name: 'Ann',
          password_hash: null,
          oidc_subject: null,
          created_at: T0,
        })
        .execute()
      await db
        .insertInto('memberships')
        .values({ workspace_id: WORKSPACE, user_id: USER, role: 'editor', created_at: T0 })
        .execute()
      await db
        .insertInto('collections')
        .values({
          id: COLLECTION,
          workspace_id: WORKSPACE,
          name: 'Shared',
          data_json: '{}',
          position: 0,
          version: 1,
          updated_at: T0,
        })
        .execute()
      await db
        .insertInto('collection_items')
        .values({
          id: ITEM,
          workspace_id: WORKSPACE,
          collection_id: COLLECTION,
          parent_id: null,
          kind: 'request',
          name: 'Orders',
          position: 0,
          data_json: JSON.stringify({ request }),
          version: 1,
          updated_at: T0,
        })
        .execute()
      await db
        .insertInto('audit_log')
        .values({
          id: USER,
          at: T0,
          user_id: USER,
          workspace_id: WORKSPACE,
          action: 'sign-in',
          target: null,
          detail_json: '{}',
        })
        .execute()
    },
    async check(store) {
      expect(await store.memberships.roleOf(WORKSPACE, USER)).toBe('editor')
      const shared = store.inWorkspace(WORKSPACE)
      expect((await shared.collections.get(COLLECTION))?.items.map((item) => item.name)).toEqual(['Orders'])
      expect(await store.collections.get(COLLECTION)).toBeUndefined()
      expect((await store.audit.list(WORKSPACE, { limit: 5 })).items.map((entry) => entry.action)).toEqual(['sign-in'])
    },
  },
}
