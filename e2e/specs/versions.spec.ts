import type { Page } from '@playwright/test'
import { expect, screensDir, test } from '../fixtures.js'
import { RequestEditorPage } from '../pages/request-editor.page.js'
import { VersionsPage } from '../pages/versions.page.js'
import { WorkspacePage } from '../pages/workspace.page.js'

const unique = () => Math.random().toString(36).slice(2, 7)

/** A collection with one saved request at `url`; answers its names. */
async function savedRequest(app: Page, url: string) {
  const workspace = new WorkspacePage(app)
  const editor = new RequestEditorPage(app)
  const id = unique()
  const collection = `Shop ${id}`
  const name = `Orders ${id}`
  await workspace.showCollections()
  await workspace.newCollection(collection)
  await workspace.rowAction(collection, 'New request')
  await workspace.renameAndWait(name)
  await editor.url().fill(url)
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: name })).not.toContainText('●')
  return { collection, name }
}

/** A second page of the same browser (the same person in another tab), with the request open. */
async function secondPage(app: Page, courierUrl: string, name: string) {
  const page = await app.context().newPage()
  await page.goto(courierUrl)
  const workspace = new WorkspacePage(page)
  await workspace.showCollections()
  await workspace.row(`GET ${name}`).click()
  return { page, workspace, editor: new RequestEditorPage(page) }
}

test('two pages change different parts of one request: both changes are kept', async ({
  app,
  courier,
  workspace,
  requestEditor,
}) => {
  const { name } = await savedRequest(app, 'https://shop.test/orders')
  const b = await secondPage(app, courier.url, name)
  await expect(b.editor.url()).toHaveValue('https://shop.test/orders')

  // Both edit at once: B's edit is in its draft when A saves (a clean tab would simply follow A's save).
  await b.editor.openTab('Headers')
  await b.editor.addRow('X-Tenant', 'acme')
  await requestEditor.url().fill('https://shop.test/orders/open')
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: name })).not.toContainText('●')

  await b.page.keyboard.press('Control+s')
  await expect(b.workspace.toast()).toContainText('merged with changes made elsewhere to: url')
  // B's editor now shows the merged request: A's URL and B's header.
  await expect(b.editor.url()).toHaveValue('https://shop.test/orders/open')
  await expect(b.workspace.tabs().filter({ hasText: name })).not.toContainText('●')

  const saved = await (await app.request.get(`${courier.url}api/collections`)).json()
  const item = saved.flatMap((c: { items: unknown[] }) => c.items).find((i: { name: string }) => i.name === name)
  expect(item.request.url).toBe('https://shop.test/orders/open')
  expect(item.request.headers).toContainEqual(['X-Tenant', 'acme', true])
  await b.page.close()
})

test('two pages change the URL: the second sees both values and the base, picks one, saves', async ({
  app,
  courier,
  workspace,
  requestEditor,
}) => {
  const { collection, name } = await savedRequest(app, 'https://shop.test/orders')
  const b = await secondPage(app, courier.url, name)
  const versions = new VersionsPage(b.page)

  await b.editor.url().fill('https://shop.test/orders/from-b')
  await requestEditor.url().fill('https://shop.test/orders/from-a')
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: name })).not.toContainText('●')

  await b.page.keyboard.press('Control+s')
  const label = 'URL and query params'
  await expect(versions.conflictDialog()).toBeVisible()
  await expect(versions.conflictValue(label, 'before')).toHaveText('https://shop.test/orders')
  await expect(versions.conflictValue(label, 'theirs')).toHaveText('https://shop.test/orders/from-a')
  await expect(versions.conflictValue(label, 'mine')).toHaveText('https://shop.test/orders/from-b')
  await expect(versions.keepMine(label)).toBeChecked()
  await b.page.screenshot({ path: `${screensDir}/conflict-dialog-light.png` })
  await b.page.emulateMedia({ colorScheme: 'dark' })
  await b.page.screenshot({ path: `${screensDir}/conflict-dialog-dark.png` })
  await b.page.emulateMedia({ colorScheme: 'light' })

  // Cancel keeps the draft; saving again brings the dialog back.
  await versions.cancelConflict().click()
  await expect(versions.conflictDialog()).toBeHidden()
  await expect(b.editor.url()).toHaveValue('https://shop.test/orders/from-b')
  await b.page.keyboard.press('Control+s')
  await versions.keepTheirs(label).check()
  await versions.saveResolved().click()
  await expect(versions.conflictDialog()).toBeHidden()
  await expect(b.editor.url()).toHaveValue('https://shop.test/orders/from-a')
  await expect(b.workspace.tabs().filter({ hasText: name })).not.toContainText('●')

  // The History of the request lists every version; an earlier one is restored as a new version.
  await workspace.rowAction(`GET ${name}`, 'History…')
  const history = new VersionsPage(app)
  // Created, renamed, first saved, A's save, B's resolved save: newest first.
  await expect(history.versionEntries(name)).toHaveCount(5)
  await expect(history.versionEntries(name).nth(2)).toContainText('URL changed')
  await history.versionEntries(name).nth(2).click()
  await expect(history.differences(name)).toContainText('URL changed')
  await app.screenshot({ path: `${screensDir}/history-light.png` })
  await app.emulateMedia({ colorScheme: 'dark' })
  await app.screenshot({ path: `${screensDir}/history-dark.png` })
  await app.emulateMedia({ colorScheme: 'light' })
  await history.restoreVersion(name).click()
  await expect(history.versionEntries(name)).toHaveCount(6)
  const saved = await (await app.request.get(`${courier.url}api/collections`)).json()
  const mine = saved.find((c: { name: string }) => c.name === collection)
  expect(mine.items[0].request.url).toBe('https://shop.test/orders')
  await b.page.close()
})

test('a deleted request is restored from the Trash into its collection', async ({ app, workspace }) => {
  const { collection, name } = await savedRequest(app, 'https://shop.test/orders')
  const versions = new VersionsPage(app)
  await workspace.rowAction(`GET ${name}`, 'Delete')
  await expect(workspace.row(`GET ${name}`)).toHaveCount(0)

  await versions.trashTab().click()
  await expect(versions.trashEntry(`Request ${name}`)).toContainText(`in ${collection}`)
  await app.screenshot({ path: `${screensDir}/trash-light.png` })
  await app.emulateMedia({ colorScheme: 'dark' })
  await app.screenshot({ path: `${screensDir}/trash-dark.png` })
  await app.emulateMedia({ colorScheme: 'light' })
  await versions.restoreFromTrash(name).first().click()
  await expect(versions.trashStatus()).toContainText(`Restored “${name}” into “${collection}”`)

  await workspace.showCollections()
  await expect(workspace.row(`GET ${name}`)).toBeVisible()
})

test('an environment keeps its versions: History shows what changed and restores the earlier values', async ({
  app,
  workspace,
}) => {
  const name = `env-${unique()}`
  await workspace.createEnvironment(name, [['baseUrl', 'https://one.test']])
  await app.getByRole('button', { name: 'Environments', exact: true }).click()
  const dialog = workspace.dialog('Environments')
  await dialog
    .getByRole('list', { name: 'Environments list' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click()
  await dialog.getByRole('textbox', { name: 'Value of baseUrl' }).fill('https://two.test')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await dialog.getByRole('button', { name: 'History…' }).click()
  const versions = new VersionsPage(app)
  // Created (as "New environment"), named with its variable, then the value changed: newest first.
  await expect(versions.versionEntries(name)).toHaveCount(3)
  await expect(versions.versionEntries(name).first()).toContainText('variable “baseUrl” changed')
  await versions.versionEntries(name).nth(1).click()
  await expect(versions.differences(name)).toContainText('variable “baseUrl” changed')
  await versions.restoreVersion(name).click()
  await expect(versions.versionEntries(name)).toHaveCount(4)
  await versions.historyDialog(name).getByRole('button', { name: 'Close' }).click()
  await expect(dialog.getByRole('textbox', { name: 'Value of baseUrl' })).toHaveValue('https://one.test')
})
