import { expect, test } from '../fixtures.js'
import { TabsPage } from '../pages/tabs.page.js'

const unique = () => Math.random().toString(36).slice(2, 7)

test('closing an unsaved draft asks Save / Don’t save / Cancel; a closed draft reopens with its content, also after a reload', async ({
  app,
  target,
  requestEditor,
  workspace,
  shot,
}) => {
  const tabs = new TabsPage(app)
  await tabs.openDraft(target.url('/orders?status=open'))
  await requestEditor.setMethod('PUT')
  const draft = /^PUT \/orders \(unsaved\)$/
  await tabs.closeButton(/^Close PUT \/orders/).click()
  await expect(tabs.unsaved()).toBeVisible()
  await expect(tabs.unsavedButton('Save')).toBeFocused()
  await expect(tabs.unsavedList()).toContainText('never saved')
  await shot('close-unsaved-light')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('close-unsaved-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await tabs.unsavedButton('Cancel').click()
  await expect(tabs.tab(draft)).toBeVisible()
  await tabs.closeButton(/^Close PUT/).click()
  await app.keyboard.press('Escape')
  await expect(tabs.unsaved()).toBeHidden()
  await expect(tabs.tab(draft)).toBeVisible()

  await tabs.closeButton(/^Close PUT/).click()
  await tabs.unsavedButton('Don’t save').click()
  await expect(tabs.tab(draft)).toHaveCount(0)
  await tabs.reopenClosed()
  await expect(tabs.activeTab()).toHaveAccessibleName(draft)
  await expect(requestEditor.url()).toHaveValue(target.url('/orders?status=open'))
  await expect(requestEditor.method()).toHaveValue('PUT')

  // The closed-tab list is kept with the workspace: close, reload, reopen.
  const saved = workspace.savedWith('"closedTabs":[{')
  await tabs.closeButton(/^Close PUT/).click()
  await tabs.unsavedButton('Don’t save').click()
  await saved
  await app.reload()
  await expect(tabs.tabs()).toHaveCount(1)
  await tabs.reopenClosed()
  await expect(tabs.activeTab()).toHaveAccessibleName(draft)
  await expect(requestEditor.url()).toHaveValue(target.url('/orders?status=open'))
})

test('Save on a never-saved draft opens the save-to-collection dialog, and the tab closes once saved', async ({
  app,
  target,
}) => {
  const tabs = new TabsPage(app)
  await tabs.openDraft(target.url('/invoices'))
  await tabs.closeButton(/\/invoices/).click()
  await tabs.unsavedButton('Save').click()
  await expect(tabs.saveDialog()).toBeVisible()
  const collection = `Billing ${unique()}`
  await tabs.saveName().fill('List invoices')
  if (await tabs.newCollectionName().isVisible()) await tabs.newCollectionName().fill(collection)
  await tabs.saveButton().click()
  await expect(tabs.saveDialog()).toBeHidden()
  await expect(tabs.tab(/\/invoices/)).toHaveCount(0)
  // It was saved under its new name: reopened, it is that request, clean.
  await tabs.reopenClosed()
  await expect(tabs.activeTab()).toHaveAccessibleName('GET List invoices')
})

test('Close all with a modified saved request and a draft asks once, listing both; Save all writes the saved one back', async ({
  app,
  target,
  requestEditor,
  workspace,
}) => {
  const tabs = new TabsPage(app)
  const name = `Shop ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New request')
  await workspace.rename('Get cart')
  await requestEditor.url().fill(target.url('/cart'))
  await app.keyboard.press('Control+s')
  await expect(tabs.tab('GET Get cart')).toBeVisible()
  await requestEditor.url().fill(target.url('/cart?v=2'))
  await expect(tabs.tab('GET Get cart (unsaved)')).toBeVisible()
  await tabs.openDraft(target.url('/scratch'))

  // No native confirm() any more: a browser dialog here fails the test.
  app.on('dialog', (dialog) => {
    throw new Error(`native dialog: ${dialog.message()}`)
  })
  await tabs.listButton().click()
  await tabs.menuItem('Close all tabs').click()
  await expect(tabs.unsavedList().getByRole('listitem')).toHaveCount(2)
  await expect(tabs.unsavedList()).toContainText('Get cart')
  await tabs.unsavedButton('Save all').click()
  // The saved request is written back and closed; the draft asks where to go, and Cancel keeps it open.
  await expect(tabs.saveDialog()).toBeVisible()
  await tabs.saveDialog().getByRole('button', { name: 'Cancel' }).click()
  await expect(tabs.tab('GET Get cart (unsaved)')).toHaveCount(0)
  await expect(tabs.tab(/\/scratch \(unsaved\)$/)).toBeVisible()
  await workspace.row(/Get cart/).click()
  await expect(requestEditor.url()).toHaveValue(target.url('/cart?v=2'))
})
