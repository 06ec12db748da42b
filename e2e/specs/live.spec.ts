import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, screensDir, test } from '../fixtures.js'
import { LivePage } from '../pages/live.page.js'
import { RequestEditorPage } from '../pages/request-editor.page.js'
import { WorkspacePage } from '../pages/workspace.page.js'

const unique = () => Math.random().toString(36).slice(2, 7)

test('an edit saved in one tab appears in another open tab without a reload; a draft with edits is kept and marked', async ({
  app,
  workspace,
  requestEditor,
  courier,
  shot,
}) => {
  const name = `Live ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait('List orders')
  await requestEditor.url().fill('http://shop.test/orders')
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'List orders' })).not.toContainText('●')

  // A second tab of the same browser: its own page, its own live stream.
  const other = await app.context().newPage()
  const otherLive = new LivePage(other)
  const otherWorkspace = new WorkspacePage(other)
  const otherEditor = new RequestEditorPage(other)
  const opened = otherLive.streamOpened()
  await other.goto(courier.url)
  await opened
  await otherWorkspace.showCollections()
  await otherWorkspace.row(/List orders/).click()
  await expect(otherEditor.url()).toHaveValue('http://shop.test/orders')

  // Saved in the first tab: the second shows it within a second, in the editor and the sidebar.
  await requestEditor.url().fill('http://shop.test/orders?page=2')
  await app.keyboard.press('Control+s')
  await expect(otherEditor.url()).toHaveValue('http://shop.test/orders?page=2', { timeout: 1500 })
  // The saving page hears its own change first (it is published before the save answers) and ignores it.
  await expect(new LivePage(app).changedNote()).toHaveCount(0)
  await expect(workspace.tabs().filter({ hasText: 'List orders' })).not.toContainText('●')
  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait('Get order')
  await expect(otherWorkspace.row(/Get order/)).toBeVisible({ timeout: 1500 })

  // The second tab has edits of its own when the first saves again: they stay, and the tab says so.
  await otherWorkspace.row(/List orders/).click()
  await otherEditor.url().fill('http://shop.test/orders?mine=1')
  await workspace.row(/List orders/).click()
  await requestEditor.url().fill('http://shop.test/orders?page=3')
  await app.keyboard.press('Control+s')
  await expect(otherLive.changedNote()).toContainText('Changed in another tab', { timeout: 1500 })
  await expect(otherLive.tab(/List orders.*Changed in another tab/)).toBeVisible()
  await expect(otherEditor.url()).toHaveValue('http://shop.test/orders?mine=1')
  mkdirSync(screensDir, { recursive: true })
  await other.screenshot({ path: join(screensDir, 'live-changed-tab.png') })
  await other.emulateMedia({ colorScheme: 'dark' })
  await other.screenshot({ path: join(screensDir, 'live-changed-tab-dark.png') })
  await other.emulateMedia({ colorScheme: 'light' })

  await otherLive.keepMine().click()
  await expect(otherLive.changedNote()).toHaveCount(0)
  await expect(otherEditor.url()).toHaveValue('http://shop.test/orders?mine=1')

  // Another save elsewhere marks it again; "Reload theirs" takes the saved version.
  await requestEditor.url().fill('http://shop.test/orders?page=4')
  await app.keyboard.press('Control+s')
  await expect(otherLive.changedNote()).toBeVisible({ timeout: 1500 })
  await otherLive.reloadTheirs().click()
  await expect(otherEditor.url()).toHaveValue('http://shop.test/orders?page=4')
  await expect(otherLive.changedNote()).toHaveCount(0)
  await other.close()
  await expect(new LivePage(app).changedNote()).toHaveCount(0)
  await shot('live-first-tab')
})

test('the editor shows who else views the request (presence answers as a team server would)', async ({
  app,
  workspace,
  requestEditor,
  shot,
}) => {
  // Single-user Courier keeps no presence; the team server's answer is served to the page here.
  const viewers = (itemId: string) => [
    { userId: 'u-ann', name: 'Ann Lee', itemId },
    { userId: 'u-bo', name: 'Bo', itemId },
  ]
  let itemId = ''
  await app.route('**/api/presence', async (route) => {
    const body = route.request().postDataJSON() as { itemId: string | null } | null
    if (body?.itemId) itemId = body.itemId
    await route.fulfill({ json: itemId ? viewers(itemId) : [] })
  })
  const live = new LivePage(app)
  const name = `Seen ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait('Health')
  await requestEditor.url().fill('http://shop.test/health')
  await app.keyboard.press('Control+s')
  await workspace.row(/Health/).click()
  await expect(live.viewer('Ann Lee')).toHaveText('AL')
  await expect(live.viewer('Bo')).toHaveText('BO')
  await shot('live-presence')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('live-presence-dark')
})

test('single-user Courier shows no presence', async ({ app, workspace, requestEditor }) => {
  const live = new LivePage(app)
  await workspace.showCollections()
  const name = `Alone ${unique()}`
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait('Solo')
  await requestEditor.url().fill('http://shop.test/solo')
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Solo' })).not.toContainText('●')
  const reported = app.waitForResponse((r) => new URL(r.url()).pathname === '/api/presence')
  await app.reload()
  expect(await (await reported).json()).toEqual([])
  await expect(live.viewers()).toHaveCount(0)
})
