import { courierApi, FailuresPage } from '../pages/failures.page.js'
import { expect, test } from '../fixtures.js'

const unique = () => Math.random().toString(36).slice(2, 7)

test('a rename, move or delete of something deleted elsewhere says what failed and what to do', async ({
  app,
  workspace,
  courier,
  request,
  shot,
}) => {
  const failures = new FailuresPage(app)
  // This page misses the live change events (as when its connection dropped), so what it shows can be
  // stale: deletes made elsewhere reach it only when an action of its own fails.
  await app.route('**/api/events**', (route) => route.abort())
  await app.reload()
  const api = await courierApi(request, courier.url)
  const collection = `Failures ${unique()}`
  await workspace.showCollections()
  await workspace.collections().getByRole('button', { name: 'New collection' }).click()
  await workspace.rename(collection)
  await workspace.rowAction(collection, 'New request')
  await workspace.rename('Orders')
  await workspace.rowAction(collection, 'New request')
  await workspace.rename('Invoices')
  await workspace.rowAction(collection, 'New folder')
  await workspace.rename('Archive')
  await expect(workspace.row(/Archive/)).toHaveCount(1)

  // Another tab deletes "Orders"; this page, without live events, still shows it.
  await api.deleteItem(await api.itemId(collection, 'Orders'))

  await workspace.rowAction(/Orders/, 'Rename')
  await workspace.rename('Orders v2')
  await expect(failures.notice()).toContainText('Could not rename “Orders”.')
  await expect(failures.notice()).toContainText('That request or folder no longer exists.')
  await expect(failures.notice()).toContainText('The collections list now shows what is saved; try again from there.')
  await expect(workspace.row(/Orders/)).toHaveCount(0) // the tree shows what is saved
  await shot('failure-rename')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('failure-rename-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await failures.dismiss().click()
  await expect(failures.notice()).toHaveCount(0)

  // Another tab deletes the folder "Archive"; a move into it is refused, saying which part is gone.
  await api.deleteItem(await api.itemId(collection, 'Archive'))
  await workspace.row(/Invoices/).dragTo(workspace.row(/Archive/))
  await expect(failures.notice()).toContainText('Could not move “Invoices”.')
  await expect(failures.notice()).toContainText('That folder no longer exists in this collection.')
  await expect(workspace.row(/Archive/)).toHaveCount(0)
  await expect(workspace.row(/Invoices/)).toHaveCount(1)

  // Deleting what was already deleted elsewhere.
  await api.deleteItem(await api.itemId(collection, 'Invoices'))
  await workspace.rowAction(/Invoices/, 'Delete')
  await expect(failures.notice()).toContainText('Could not delete “Invoices”.')
  await expect(failures.notice()).toContainText('That request or folder no longer exists.')
})
