import { expect, test } from '../fixtures.js'

test('a history entry is restored after a page reload and after a server restart', async ({
  app,
  courier,
  workspace,
  requestEditor,
  responseViewer,
  history,
  target,
  shot,
}) => {
  await requestEditor.setMethod('PUT')
  await requestEditor.url().fill(target.url('/restore-me?v=1'))
  await requestEditor.typeJsonBody('{"keep": true}')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await history.show()
  await expect(history.entry('/restore-me')).toHaveCount(1)

  // A new tab, then the entry restored into it from history.
  await workspace.newTab()
  await expect(requestEditor.url()).toHaveValue('')
  await app.reload()
  await history.show()
  await history.entry('/restore-me').click()
  await expect(requestEditor.method()).toHaveValue('PUT')
  await expect(requestEditor.url()).toHaveValue(target.url('/restore-me?v=1'))
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.prettyBody()).toContainText('"keep"')
  await shot('history-restored')

  await courier.restart()
  await app.goto(courier.url) // a restart mints a new secret: the page is loaded again
  await history.show()
  await history.entry('/restore-me').click()
  await expect(requestEditor.url()).toHaveValue(target.url('/restore-me?v=1'))
  await requestEditor.tab('Body').click()
  await expect(requestEditor.jsonEditor()).toContainText('"keep"')
  await expect(responseViewer.status()).toHaveText('200 OK')
})

test('history lists newest first with method, URL and status', async ({
  requestEditor,
  responseViewer,
  history,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/status/201'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('201 Created')
  await requestEditor.url().fill(target.url('/status/503'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('503 Service Unavailable')
  await history.show()
  const first = history.entries().first()
  await expect(first).toContainText('/status/503')
  await expect(first).toContainText('503')
  await shot('history-list')
})

test('the app follows the dark system theme', async ({ page, courier, shot }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto(courier.url)
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).not.toBe('rgb(245, 246, 248)')
  await shot('dark-theme')
})
