import { expect, test } from '../fixtures.js'

// Issue 12, item 4: new requests and folders start at "Inherit from parent", and say from where.

const unique = () => Math.random().toString(36).slice(2, 7)

test('a new request in a collection with Bearer auth sends it, and the Auth tab says where it comes from', async ({
  app,
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const name = `Shop API ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'Settings…')
  await workspace.settingsSection('Auth').click()
  await workspace.settingsAuthType().selectOption({ label: 'Bearer token' })
  await workspace.settingsToken().fill('shop-token-7')
  await workspace.settingsSave().click()
  await expect(workspace.collectionSettings()).toBeHidden()

  await workspace.rowAction(name, 'New request')
  await workspace.rename('List orders')
  await requestEditor.url().fill(target.url('/orders'))
  await requestEditor.openTab('Auth')
  await expect(requestEditor.authType()).toHaveValue('inherit')
  await expect(requestEditor.inheritedAuth()).toContainText(`Inherits Bearer token from collection “${name}”`)
  await shot('auth-inherits-from-collection')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-inherits-from-collection-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const received = target.received.at(-1)!
  expect(received.url).toBe('/orders')
  expect(received.headers.authorization).toBe('Bearer shop-token-7')

  // "Open collection settings" goes to the auth the request inherits.
  await requestEditor.openInheritedSettings('collection').click()
  await expect(workspace.collectionSettings()).toBeVisible()
  await expect(workspace.settingsAuthType()).toHaveValue('bearer')
  await expect(workspace.settingsToken()).toHaveValue('shop-token-7')
  await workspace.settingsCancel().click()
})

test('a new folder starts at Inherit from parent, and so does a request inside it', async ({
  app,
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const name = `Billing ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'Settings…')
  await workspace.settingsSection('Auth').click()
  await workspace.settingsAuthType().selectOption({ label: 'Bearer token' })
  await workspace.settingsToken().fill('billing-token-3')
  await workspace.settingsSave().click()
  await expect(workspace.collectionSettings()).toBeHidden()

  await workspace.rowAction(name, 'New folder')
  await workspace.rename('Invoices')
  await workspace.rowAction('Invoices', 'Settings…')
  await workspace.folderSection('Auth').click()
  await expect(workspace.folderAuthType()).toHaveValue('inherit')
  await expect(workspace.folderInheritedAuth()).toContainText(`Inherits Bearer token from collection “${name}”`)
  await shot('auth-folder-inherits')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-folder-inherits-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  // From the folder to the collection it inherits from, on its Auth section.
  await workspace.folderOpenCollectionSettings().click()
  await expect(workspace.collectionSettings()).toBeVisible()
  await expect(workspace.settingsAuthType()).toHaveValue('bearer')
  await workspace.settingsCancel().click()

  await workspace.rowAction('Invoices', 'New request')
  await workspace.rename('Unpaid')
  await requestEditor.url().fill(target.url('/invoices'))
  await requestEditor.openTab('Auth')
  await expect(requestEditor.inheritedAuth()).toContainText(`Inherits Bearer token from collection “${name}”`)
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.headers.authorization).toBe('Bearer billing-token-3')
})

test('a new unsaved tab says there is nothing to inherit', async ({
  app,
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await workspace.newTab()
  await requestEditor.url().fill(target.url('/anonymous'))
  await requestEditor.openTab('Auth')
  await expect(requestEditor.authType()).toHaveValue('inherit')
  await expect(requestEditor.inheritedAuth()).toContainText('not in a collection, so there is nothing to inherit')
  await shot('auth-nothing-to-inherit')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-nothing-to-inherit-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.headers.authorization).toBeUndefined()
})
