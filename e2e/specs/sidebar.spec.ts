import { expect, test } from '../fixtures.js'
import { SidebarPage } from '../pages/sidebar.page.js'

const unique = () => Math.random().toString(36).slice(2, 7)

test('the sidebar resizes from the keyboard and by dragging, and keeps its width after a reload', async ({
  app,
  shot,
}) => {
  const sidebar = new SidebarPage(app)
  const before = await sidebar.width()
  const start = Number(await sidebar.splitter().getAttribute('aria-valuenow'))
  await sidebar.splitter().focus()
  await app.keyboard.press('ArrowRight')
  await app.keyboard.press('ArrowRight')
  await expect(sidebar.splitter()).toHaveAttribute('aria-valuenow', String(start + 10))
  expect(await sidebar.width()).toBeGreaterThan(before + 50)
  await shot('sidebar-wide')

  await app.reload()
  await expect(sidebar.splitter()).toHaveAttribute('aria-valuenow', String(start + 10))

  // Dragged narrower than it started, the editor gaining the width.
  const grip = (await sidebar.splitter().boundingBox())!
  await app.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2)
  await app.mouse.down()
  await app.mouse.move(grip.x - 200, grip.y + grip.height / 2, { steps: 5 })
  await app.mouse.up()
  expect(await sidebar.width()).toBeLessThan(before)
  expect(Number(await sidebar.splitter().getAttribute('aria-valuenow'))).toBeLessThan(start)
})

test('the sidebar collapses with its button and Ctrl+\\, and stays collapsed after a reload', async ({ app, shot }) => {
  const sidebar = new SidebarPage(app)
  await sidebar.collapseButton().click()
  await expect(sidebar.viewTabs()).toBeHidden()
  await expect(sidebar.splitter()).toBeHidden()
  await expect(sidebar.expandButton()).toBeVisible()
  expect(await sidebar.width()).toBeLessThan(40)
  await shot('sidebar-collapsed')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('sidebar-collapsed-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await app.reload()
  await expect(sidebar.expandButton()).toBeVisible()
  await app.keyboard.press('Control+\\')
  await expect(sidebar.viewTabs()).toBeVisible()
  await expect(sidebar.collapseButton()).toBeVisible()
  await app.keyboard.press('Control+\\')
  await expect(sidebar.expandButton()).toBeVisible()
  await sidebar.expandButton().click()
  await expect(sidebar.splitter()).toBeVisible()
})

test('history rows show the whole host, then the path', async ({
  requestEditor,
  responseViewer,
  history,
  target,
  shot,
  app,
}) => {
  const path = `/a/rather/long/path/that/cannot/fit/in/the/sidebar/${'segment/'.repeat(6)}end?page=2`
  await requestEditor.url().fill(target.url(path))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await history.show()
  const host = new URL(target.url('/')).host
  const row = history.entry('/a/rather/long').first()
  await expect(row).toBeVisible()
  // The host is on screen in full: its text is not cut (what the eye sees, not only the DOM text).
  const shown = history.entryHost(row, host)
  await expect(shown).toBeVisible()
  expect(await shown.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  await expect(row).toContainText(host)
  await shot('history-host')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('history-host-dark')
  await app.emulateMedia({ colorScheme: 'light' })
})

test('the tree keeps its open folders across a reload and a visit to History', async ({ app, workspace, history }) => {
  const name = `Keep open ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New folder')
  await workspace.rename('Inner')
  await expect(workspace.row(name)).toHaveAttribute('aria-expanded', 'true')

  await history.show()
  await workspace.showCollections()
  await expect(workspace.row(name)).toHaveAttribute('aria-expanded', 'true')
  await expect(workspace.row('Inner')).toBeVisible()

  await app.reload()
  await workspace.showCollections()
  await expect(workspace.row(name)).toHaveAttribute('aria-expanded', 'true')
  await expect(workspace.row('Inner')).toBeVisible()

  // Closed is kept too.
  await workspace.row(name).click()
  await app.reload()
  await expect(workspace.row(name)).toHaveAttribute('aria-expanded', 'false')
  await expect(workspace.row('Inner')).toBeHidden()
})

test('Ctrl+S reveals and selects the saved request in the tree, its folders opened', async ({
  app,
  workspace,
  requestEditor,
  history,
  shot,
}) => {
  const name = `Reveal ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New folder')
  await workspace.rename('Deep')
  await workspace.rowAction('Deep', 'New request')
  await workspace.rename('Find me')
  await expect(workspace.tabs().filter({ hasText: 'Find me' })).toHaveCount(1)

  // Folders closed, History showing: then an edit saved with Ctrl+S.
  await workspace.row(name).click()
  await expect(workspace.row(/Find me/)).toBeHidden()
  await history.show()
  await requestEditor.url().fill('http://127.0.0.1:9/revealed')
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Find me' })).not.toContainText('●')

  await expect(workspace.row(/Find me/)).toBeVisible()
  await expect(workspace.row(/Find me/)).toHaveAttribute('aria-selected', 'true')
  await expect(workspace.row('Deep')).toHaveAttribute('aria-expanded', 'true')
  await expect(workspace.row(name)).toHaveAttribute('aria-expanded', 'true')
  await shot('tree-revealed')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('tree-revealed-dark')
  await app.emulateMedia({ colorScheme: 'light' })
})
