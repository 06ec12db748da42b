import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../fixtures.js'
import { AuthPage } from '../pages/auth.page.js'
import { SettingsPage } from '../pages/settings.page.js'

// Issue 12, item 10: the small things that bit a Postman user in the first hour.

/** Monaco's code (the editor and its setup chunk), as Vite names the lazy chunks. */
const isEditorChunk = (url: string) => /\/assets\/(MonacoEditor|monaco-setup)-[\w-]+\.js$/.test(url)

/** Resolves once the page has been idle twice over: any idle-time work the app scheduled has run. */
const idle = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => requestIdleCallback(() => resolve()))))

test('the editor chunk is not loaded until an editor is first used; opening the JSON body loads it', async ({
  app,
  requestEditor,
}) => {
  const editorChunks: string[] = []
  app.on('request', (request) => {
    if (isEditorChunk(request.url())) editorChunks.push(request.url())
  })
  // Watch long tasks from the start, as a person would feel them, without touching any editor.
  await app.evaluate(() => {
    const w = window as unknown as { longTasks: number[] }
    w.longTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(Math.round(entry.duration))
    }).observe({ type: 'longtask', buffered: true })
  })
  await expect(requestEditor.url()).toBeVisible()
  await app.waitForLoadState('networkidle')
  await idle(app)
  await app.waitForLoadState('networkidle')
  const longTasks = await app.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)
  test.info().annotations.push({ type: 'long tasks after load (ms)', description: JSON.stringify(longTasks) })
  expect(editorChunks, 'Monaco loaded although no editor was used').toEqual([])

  const loaded = app.waitForRequest((request) => isEditorChunk(request.url()))
  await requestEditor.chooseBody('JSON')
  await loaded
  await expect(requestEditor.jsonEditor()).toBeVisible()
})

test('switching body types back and forth raises no page error (no "Model is disposed!")', async ({
  app,
  requestEditor,
}) => {
  const errors: string[] = []
  app.on('pageerror', (error) => errors.push(error.message))
  await requestEditor.typeJsonBody('{"a": 1}')
  for (const kind of ['Raw', 'GraphQL', 'JSON', 'None', 'Raw', 'JSON', 'Form', 'GraphQL', 'JSON'] as const) {
    await requestEditor.bodyType(kind).check()
  }
  await expect(requestEditor.jsonEditor()).toContainText('"a"')
  // The JSON worker answers validation asynchronously; let it finish before judging.
  await idle(app)
  await app.waitForLoadState('networkidle')
  expect(errors).toEqual([])
})

/** Every OAuth field and the Get token button end inside `pane`, and the pane does not scroll sideways. */
async function expectOAuthFits(auth: AuthPage, pane: Locator) {
  const box = (await pane.boundingBox())!
  for (const field of [auth.field('Issuer'), auth.field('Client ID'), auth.field('Scope'), auth.getToken()]) {
    const inner = (await field.boundingBox())!
    expect(inner.x + inner.width, 'ends inside the pane').toBeLessThanOrEqual(box.x + box.width + 0.5)
  }
  expect(await pane.evaluate((el) => el.scrollWidth - el.clientWidth), 'sideways scroll').toBeLessThanOrEqual(0)
}

test('the OAuth 2 form fits its pane, wide and narrow', async ({ app, shot }) => {
  const auth = new AuthPage(app)
  await app.setViewportSize({ width: 1200, height: 840 })
  await auth.choose('OAuth 2.0')
  await expectOAuthFits(auth, auth.panel())
  await shot('first-hour-oauth-fits')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('first-hour-oauth-fits-dark')
  await app.setViewportSize({ width: 900, height: 840 })
  await expectOAuthFits(auth, auth.panel())
  // One column in a short pane: the action and the token come first, not below a screen of fields.
  const pane = (await auth.panel().boundingBox())!
  const button = (await auth.getToken().boundingBox())!
  expect(button.y + button.height, 'Get new access token is in view').toBeLessThanOrEqual(pane.y + pane.height)
  await shot('first-hour-oauth-fits-narrow-dark')
})

test('the dialog backdrop is visibly darker in the dark theme', async ({ app, shot }) => {
  const settings = new SettingsPage(app)
  await app.emulateMedia({ colorScheme: 'dark' })
  await settings.open()
  const backdrop = await settings.dialog().evaluate((el) =>
    getComputedStyle(el, '::backdrop')
      .backgroundColor.match(/[\d.]+/g)!
      .map(Number),
  )
  const [r, g, b, a = 1] = backdrop
  // What the backdrop makes of the dark page: the page's colour darkened by at least 60 %.
  expect(a, 'backdrop opacity').toBeGreaterThanOrEqual(0.6)
  expect(Math.max(r!, g!, b!), 'backdrop is near black').toBeLessThanOrEqual(16)
  await shot('first-hour-dialog-dark')
})

test('Settings has a Light / Dark / System theme switch that persists, and System follows the OS', async ({
  app,
  shot,
}) => {
  const settings = new SettingsPage(app)
  const theme = () => app.evaluate(() => document.documentElement.dataset.theme)
  await app.emulateMedia({ colorScheme: 'light' })
  await settings.open()
  await expect(settings.theme('System')).toBeChecked()
  await expect.poll(theme).toBe('light')
  await app.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(theme).toBe('dark') // System follows prefers-color-scheme, live
  await shot('first-hour-settings-system-dark')

  await settings.theme('Light').check()
  await expect.poll(theme).toBe('light') // the OS says dark; the choice wins
  await shot('first-hour-settings-light')
  await app.reload()
  await expect.poll(theme).toBe('light') // persisted across a reload

  await settings.open()
  await expect(settings.theme('Light')).toBeChecked()
  await app.emulateMedia({ colorScheme: 'light' })
  await settings.theme('Dark').check()
  await expect.poll(theme).toBe('dark')
  const background = await app.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).not.toBe('rgb(245, 246, 248)') // the dark tokens apply, not just the attribute
  await shot('first-hour-settings-dark')
  await settings.theme('System').check()
  await expect.poll(theme).toBe('light')
})

test('the JSON tree is reached by Tab and walked with arrows, Home/End and Enter', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/search?q=x&tag=a&tag=b'))
  await requestEditor.send()
  await responseViewer.view('Tree').check()
  await expect(responseViewer.treeItems().first()).toBeVisible()
  await responseViewer.view('Tree').focus()
  // Tab from the view switcher reaches the tree (past any toolbar controls in between).
  for (let i = 0; i < 8 && !(await responseViewer.tree().evaluate((el) => el === document.activeElement)); i++) {
    await app.keyboard.press('Tab')
  }
  await expect(responseViewer.tree()).toBeFocused()
  await expect(responseViewer.activeTreeItem()).toHaveAccessibleName(/^\$: /)
  await app.keyboard.press('ArrowDown')
  const second = await responseViewer.activeTreeItem().getAttribute('aria-label')
  expect(second).not.toMatch(/^\$: /)
  await app.keyboard.press('End')
  const last = responseViewer.treeItems().last()
  await expect(last).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('Home')
  await expect(responseViewer.activeTreeItem()).toHaveAccessibleName(/^\$: /)
  // Enter on the root collapses it to one row; Enter again opens it.
  await expect(responseViewer.activeTreeItem()).toHaveAttribute('aria-expanded', 'true')
  await app.keyboard.press('Enter')
  await expect(responseViewer.treeItems()).toHaveCount(1)
  await expect(responseViewer.activeTreeItem()).toHaveAttribute('aria-expanded', 'false')
  await app.keyboard.press('ArrowRight') // opens a closed node
  await expect(responseViewer.activeTreeItem()).toHaveAttribute('aria-expanded', 'true')
  await app.keyboard.press('ArrowRight') // then steps into its first child
  await expect(responseViewer.activeTreeItem()).not.toHaveAccessibleName(/^\$: /)
  await app.keyboard.press('ArrowLeft') // a leaf steps back to its parent
  await expect(responseViewer.activeTreeItem()).toHaveAccessibleName(/^\$: /)
  await app.keyboard.press('ArrowDown')
  await shot('first-hour-tree-keyboard')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('first-hour-tree-keyboard-dark')
})

test('Response time and size are text a screen reader announces, not silent labels', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/search?q=x'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const spoken = await responseViewer.summary().ariaSnapshot()
  expect(spoken).toMatch(/Response time:? \d+(\.\d+)? (ms|s)/)
  expect(spoken).toMatch(/Response size:? \d+(\.\d+)? (B|KB)/)
  await expect(responseViewer.time()).toHaveText(/\d+(\.\d+)? (ms|s)/)
  await expect(responseViewer.size()).toHaveText(/\d+ B|KB/)
  await shot('first-hour-status-line')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('first-hour-status-line-dark')
})
