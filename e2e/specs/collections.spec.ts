import { expect, test } from '../fixtures.js'
import { AuthPage } from '../pages/auth.page.js'

const unique = () => Math.random().toString(36).slice(2, 7)

test('build a collection with a folder and two requests, saved with Ctrl+S', async ({
  app,
  workspace,
  requestEditor,
  shot,
}) => {
  const name = `Shop ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New folder')
  await workspace.rename('Orders')

  await workspace.rowAction('Orders', 'New request')
  await workspace.renameAndWait('List orders')
  await requestEditor.url().fill('{{baseUrl}}/orders?page=1')
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'List orders' })).not.toContainText('●')

  await workspace.rowAction('Orders', 'New request')
  await workspace.rename('Get order')
  await requestEditor.url().fill('{{baseUrl}}/orders/:id')
  await app.keyboard.press('Control+s')

  await expect(workspace.row(/List orders/)).toHaveAttribute('aria-level', '3')
  await expect(workspace.row(/Get order/)).toHaveAttribute('aria-level', '3')
  await expect(workspace.tabs()).toHaveCount(2)
  await shot('collection-tree')

  // Reopening a saved request focuses its tab instead of opening another.
  await workspace.row(/List orders/).click()
  await expect(workspace.tabs()).toHaveCount(2)
  await expect(requestEditor.url()).toHaveValue('{{baseUrl}}/orders?page=1')
})

test('an environment variable in the URL follows the environment switch, with its source on hover', async ({
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const suffix = unique()
  await workspace.createEnvironment(`dev-${suffix}`, [['baseUrl', target.url('').replace(/\/$/, '')]])
  await workspace.createEnvironment(`staging-${suffix}`, [['baseUrl', 'http://staging.example.test']])

  await requestEditor.url().fill('{{baseUrl}}/health')
  await expect(requestEditor.finalUrl()).toHaveCount(0) // unknown variable: nothing to preview yet
  await workspace.environment().selectOption({ label: `dev-${suffix}` })
  await expect(requestEditor.finalUrl()).toContainText(target.url('/health'))
  await requestEditor.url().hover({ position: { x: 30, y: 10 } })
  await expect(workspace.tooltip()).toContainText(`from environment “dev-${suffix}”`)
  await shot('environment-variable-hover')

  await workspace.environment().selectOption({ label: `staging-${suffix}` })
  await expect(requestEditor.finalUrl()).toContainText('http://staging.example.test/health')

  await workspace.environment().selectOption({ label: `dev-${suffix}` })
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.url).toBe('/health')
})

test('variables in header, param and auth values are coloured and explained as in the URL', async ({
  app,
  workspace,
  requestEditor,
  target,
  shot,
}) => {
  const auth = new AuthPage(app)
  const suffix = unique()
  await workspace.createEnvironment(`vars-${suffix}`, [['token', 'abc123']])
  await workspace.environment().selectOption({ label: `vars-${suffix}` })
  await requestEditor.url().fill(target.url('/items'))

  await requestEditor.openTab('Headers')
  await requestEditor.keysIn('Headers').last().fill('X-Token')
  const value = requestEditor.valuesIn('Headers').first()
  await value.fill('Bearer {{token}}')
  // "Bearer " is seven characters of the monospace cell; the variable starts after them.
  const box = (await value.boundingBox())!
  await value.hover({ position: { x: Math.min(box.width - 4, 8 + 10 * 7.6), y: box.height / 2 } })
  await expect(workspace.tooltip()).toHaveText(`{{token}} = abc123 — from environment “vars-${suffix}”`)
  await shot('header-variable-hover')

  await requestEditor.openTab('Params')
  await requestEditor.keysIn('Query parameters').last().fill('q')
  const param = requestEditor.valuesIn('Query parameters').first()
  await param.fill('{{nope}}')
  await param.hover({ position: { x: 20, y: 10 } })
  await expect(workspace.tooltip()).toContainText('{{nope}} has no value')

  await auth.choose('Basic')
  const username = auth.field('Username')
  await username.fill('{{token}}')
  await username.focus()
  await app.keyboard.press('End')
  await expect(workspace.tooltip()).toContainText('{{token}} = abc123')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-variable-caret-dark')
  await app.emulateMedia({ colorScheme: 'light' })
})

test('a token captured from a login response feeds the next request', async ({
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const suffix = unique()
  await workspace.createEnvironment(`chain-${suffix}`, [['base', target.url('').replace(/\/$/, '')]])
  await workspace.environment().selectOption({ label: `chain-${suffix}` })

  await requestEditor.setMethod('POST')
  await requestEditor.url().fill('{{base}}/login')
  await requestEditor.openTab('Capture' as never)
  await requestEditor.addCapture('token', '$.access_token')
  await shot('capture-rule')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.region()).toContainText(`{{token}} set in chain-${suffix}`)

  await workspace.newTab()
  await requestEditor.url().fill('{{base}}/me')
  await requestEditor.openTab('Headers')
  await requestEditor.addRow('Authorization', 'Bearer {{token}}')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.headers.authorization).toBe('Bearer tok-e2e-1234')
})

test('search history and compare two responses side by side', async ({
  history,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const word = `needle${unique()}`
  await requestEditor.url().fill(target.url(`/status/200?find=${word}`))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await requestEditor.url().fill(target.url(`/status/201?find=${word}`))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('201 Created')
  await requestEditor.url().fill(target.url('/status/404'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('404 Not Found')

  await history.show()
  await history.search().fill(word)
  await expect(history.entries()).toHaveCount(2)
  await shot('history-search')

  const [first, second] = [history.entries().nth(0), history.entries().nth(1)]
  await first.hover()
  await history.entryActions(/^Actions for GET .*\/status\/201\?/).click()
  await history.compareItem().click()
  await second.click()
  const compare = history.compareDialog()
  await expect(history.diffEditor()).toBeVisible()
  await expect(compare).toContainText('"status": 201')
  await shot('compare-responses')
})

test('open tabs and unsaved drafts come back after a reload', async ({ app, workspace, requestEditor }) => {
  await requestEditor.url().fill('http://first.example.test/a')
  await workspace.newTab()
  await requestEditor.setMethod('DELETE')
  const saved = workspace.savedWith('http://first.example.test/a', 'http://second.example.test/b', '"DELETE"')
  await requestEditor.url().fill('http://second.example.test/b')
  await expect(workspace.tabs()).toHaveCount(2)
  await saved // the debounced save has run
  await app.reload()
  await expect(workspace.tabs()).toHaveCount(2)
  await expect(requestEditor.url()).toHaveValue('http://second.example.test/b')
  await expect(requestEditor.method()).toHaveValue('DELETE')
  await workspace.tabs().first().click()
  await expect(requestEditor.url()).toHaveValue('http://first.example.test/a')
})

test('the command palette jumps to a saved request, and a deleted one comes back with Undo', async ({
  app,
  workspace,
  requestEditor,
  shot,
}) => {
  const name = `Palette ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait(`Find me ${name}`)
  await requestEditor.url().fill('http://palette.example.test/x')
  await app.keyboard.press('Control+s')
  await workspace.newTab()

  await app.keyboard.press('Control+k')
  await workspace.paletteInput().fill(`find me ${name.toLowerCase()}`)
  await shot('command-palette')
  await workspace.paletteInput().press('Enter')
  await expect(requestEditor.url()).toHaveValue('http://palette.example.test/x')

  await workspace.rowAction(new RegExp(`Find me ${name}`), 'Delete')
  await expect(workspace.row(new RegExp(`Find me ${name}`))).toHaveCount(0)
  await workspace.undoButton().click()
  await expect(workspace.row(new RegExp(`Find me ${name}`))).toHaveCount(1)
})

test('a request inherits its collection’s auth and headers, and the Auth tab shows what it gets', async ({
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const name = `Inherit ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)

  await workspace.rowAction(name, 'Settings…')
  const settings = workspace.collectionSettings()
  await workspace.settingsSection('Headers').click()
  await workspace.settingsKeys().last().fill('X-Team')
  await workspace.settingsValues().first().fill('payments')
  await workspace.settingsSection('Auth').click()
  await workspace.settingsAuthType().selectOption({ label: 'Bearer token' })
  await workspace.settingsToken().fill('collection-token-42')
  await shot('collection-settings-auth')
  await workspace.settingsSave().click()
  await expect(settings).toBeHidden()

  await workspace.rowAction(name, 'New request')
  await workspace.rename('Who am I')
  await requestEditor.url().fill(target.url('/whoami'))
  await requestEditor.openTab('Auth' as never)
  await requestEditor.authType().selectOption({ label: 'Inherit from parent' })
  await expect(requestEditor.panel()).toContainText(name)
  await shot('auth-inherited')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const received = target.received.at(-1)!
  expect(received.headers.authorization).toBe('Bearer collection-token-42')
  expect(received.headers['x-team']).toBe('payments')
})
