import { expect, test } from '../fixtures.js'
import { TabsPage } from '../pages/tabs.page.js'

test('fifteen tabs keep a readable width; the strip scrolls (wheel, arrows) and always shows the active tab', async ({
  app,
  target,
  shot,
}) => {
  const tabs = new TabsPage(app)
  await app.setViewportSize({ width: 1280, height: 760 })
  for (let i = 1; i <= 15; i += 1) await tabs.openDraft(target.url(`/api/v1/users/${i}/orders`))
  await expect(tabs.tabs()).toHaveCount(16)
  // The newest tab is active and on screen, however many came before it (0.98: sub-pixel scroll offsets).
  await expect(tabs.activeTab()).toHaveAccessibleName(/users\/15\/orders/)
  await expect(tabs.activeTab()).toBeInViewport({ ratio: 0.98 })
  for (const box of await Promise.all((await tabs.tabs().all()).map((tab) => tab.boundingBox())))
    expect(box!.width).toBeGreaterThanOrEqual(110) // the tab's select half; the whole tab is ≥ 140px
  await expect(tabs.newTabButton()).toBeInViewport({ ratio: 0.98 })
  await shot('tabs-15-light')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('tabs-15-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // The tab list names every tab and brings the chosen one into view.
  await tabs.listButton().click()
  await expect(tabs.listMenu().getByRole('menuitem', { name: /^GET / })).toHaveCount(16)
  await shot('tabs-list')
  await tabs.menuItem(/users\/1\/orders \(unsaved\)$/).click()
  await expect(tabs.activeTab()).toHaveAccessibleName(/users\/1\/orders/)
  await expect(tabs.activeTab()).toBeInViewport({ ratio: 0.98 })
  await expect(tabs.tab(/users\/15\/orders/)).not.toBeInViewport()

  // Arrows and the wheel scroll the strip.
  await tabs.scrollRight().click()
  await expect(tabs.scrollLeft()).toBeEnabled()
  await tabs.strip().hover()
  await app.mouse.wheel(0, 5000)
  await expect(tabs.tab(/users\/15\/orders/)).toBeInViewport()
  await expect(tabs.scrollRight()).toBeDisabled()
})

test('a tab opened from history shows its method once', async ({ app, target, requestEditor, history }) => {
  const tabs = new TabsPage(app)
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(target.url('/things?page=2'))
  await requestEditor.send()
  await history.show()
  await history.entry('/things').first().click()
  await expect(tabs.activeTab()).toHaveAccessibleName(/^POST \/things \(unsaved\)$/)
  await expect(tabs.activeTab()).not.toHaveText(/POST\s*POST/)
})

test('middle-click closes a tab; the context menu closes others, by mouse or keyboard', async ({ app, target }) => {
  const tabs = new TabsPage(app)
  for (const name of ['a', 'b', 'c', 'd']) await tabs.openDraft(target.url(`/${name}`))
  // A typed draft is unsaved, so even the middle button asks first.
  await tabs.middleClick(/\/d \(unsaved\)$/)
  await expect(tabs.unsaved()).toBeVisible()
  await tabs.unsavedButton('Don’t save').click()
  await expect(tabs.tab(/\/d \(unsaved\)$/)).toHaveCount(0)

  // Keyboard: Shift+F10 on the focused tab opens its menu; Close others asks once for all three drafts.
  await tabs.tab(/\/b \(unsaved\)$/).click()
  await app.keyboard.press('Shift+F10')
  await expect(tabs.contextMenu()).toBeVisible()
  await app.keyboard.press('ArrowDown')
  await expect(tabs.menuItem('Close others')).toBeFocused()
  await app.keyboard.press('Enter')
  await expect(tabs.unsavedList().getByRole('listitem')).toHaveCount(2)
  await tabs.unsavedButton('Don’t save').click()
  await expect(tabs.tabs()).toHaveCount(1)
  await expect(tabs.activeTab()).toHaveAccessibleName(/\/b \(unsaved\)$/)
})
