import type { WorkspaceState } from '@courier/shared'
import { expect } from 'vitest'
import { ENVIRONMENT, ITEM, request, T0, type MigrationFixture } from './fixture.js'

const JAR = JSON.stringify({
  version: 'tough-cookie@6.1.0',
  cookies: [{ key: 'sid', value: 'abc', domain: 'api.test' }],
})
const workspace: WorkspaceState = {
  tabs: [
    { id: 'tab-1', title: 'Orders', itemId: ITEM, baseVersion: 1, draft: request, isDirty: true, responseId: null },
  ],
  activeTabId: 'tab-1',
  environmentId: ENVIRONMENT,
  closedTabs: [],
}

export const keyValueFixtures: Record<string, MigrationFixture> = {
  '0002-settings': {
    async seed({ db }) {
      await db
        .insertInto('settings')
        .values([
          { key: 'theme', value_json: '"dark"', updated_at: T0 },
          { key: 'history.retention', value_json: '{"maxEntries":500}', updated_at: T0 },
        ])
        .execute()
    },
    async check(store) {
      expect(await store.settings.get('theme')).toBe('dark')
      expect(await store.settings.get('history.retention')).toEqual({ maxEntries: 500 })
    },
  },
  '0003-cookie-jars': {
    async seed({ db, box }) {
      await db
        .insertInto('cookie_jars')
        .values([
          { id: 'legacy', json: JAR, updated_at: T0 }, // written before jars were sealed
          { id: 'sealed', json: box.seal(JAR), updated_at: T0 },
        ])
        .execute()
    },
    async check(store) {
      expect(await store.cookieJars.load('legacy')).toBe(JAR)
      expect(await store.cookieJars.load('sealed')).toBe(JAR)
    },
  },
  '0008-workspace': {
    async seed({ db }) {
      await db
        .insertInto('workspace_state')
        .values({ id: 'default', json: JSON.stringify(workspace), updated_at: T0 })
        .execute()
    },
    async check(store) {
      expect(await store.workspace.get()).toEqual(workspace)
    },
  },
}
