import { expect, test } from '../fixtures.js'

test('Settings › Leave the body out on GET: a GET with a JSON body goes without it, as Postman sends it; off, the body goes', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/echo'))
  await requestEditor.typeJsonBody('{"sent": true}')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  // Off by default: Courier sends what the person wrote, whatever the method.
  await expect(responseViewer.prettyBody()).toContainText('"sent"')

  await requestEditor.openTab('Settings')
  const prune = requestEditor.settingChoice('Leave the body out on GET')
  await expect(prune).toHaveValue('off')
  await prune.selectOption({ label: 'On (as Postman)' })
  await expect(requestEditor.settingChoice('Method after 301, 302, 303')).toBeVisible()
  await expect(requestEditor.settingChoice('Referer on redirect')).toHaveValue('off')
  await prune.scrollIntoViewIfNeeded()
  await shot('request-settings-postman-behaviours')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('request-settings-postman-behaviours-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.prettyBody()).toContainText('"json": null')
  await expect(responseViewer.prettyBody()).not.toContainText('"sent"')

  // The same request as POST keeps its body: only the methods Postman prunes lose it.
  await requestEditor.setMethod('POST')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.prettyBody()).toContainText('"sent"')
})
