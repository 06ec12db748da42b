import { expect, test } from '../response-fixtures.js'

const unique = () => Math.random().toString(36).slice(2, 7)

test('a click on the Method box opens the list of methods', async ({ app, requestEditor, shot }) => {
  await requestEditor.method().click()
  await expect(requestEditor.methodList()).toBeVisible()
  await expect(requestEditor.method()).toHaveAttribute('aria-expanded', 'true')
  await shot('method-list-open')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('method-list-open-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await requestEditor.methodOption('PATCH').click()
  await expect(requestEditor.method()).toHaveValue('PATCH')
  await expect(requestEditor.methodList()).toBeHidden()
})

test('the "Sends" line appears without moving the tabs below the URL', async ({ workspace, requestEditor, target }) => {
  const suffix = unique()
  await workspace.createEnvironment(`line-${suffix}`, [['baseUrl', target.url('').replace(/\/$/, '')]])
  await requestEditor.url().fill('{{baseUrl}}/steady')
  await expect(requestEditor.finalUrl()).toHaveCount(0)
  const before = (await requestEditor.tab('Params').boundingBox())!.y
  await workspace.environment().selectOption({ label: `line-${suffix}` })
  await expect(requestEditor.finalUrl()).toContainText(target.url('/steady'))
  expect((await requestEditor.tab('Params').boundingBox())!.y).toBe(before)
})

test('a rate-limit reset weeks away shows its date, not only a clock time', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  const days = 40
  await requestEditor.url().fill(responseTarget.url(`/catalog?page=1&reset=${days * 86_400}`))
  await requestEditor.send()
  await expect(responseViewer.rateLimit()).toContainText(`resets in ${days} days`)
  const year = String(new Date(Date.now() + days * 86_400_000).getFullYear())
  await expect(responseViewer.rateLimit()).toContainText(year)
  await shot('rate-limit-far-reset')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('rate-limit-far-reset-dark')
  await app.emulateMedia({ colorScheme: 'light' })
})
