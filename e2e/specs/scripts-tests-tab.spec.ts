import { expect, test } from '../fixtures.js'
import { CollectionSettingsPage } from '../pages/collection-settings.page.js'

test('a test written in the Scripts tab passes, then fails when the answer changes; a pre-request script sets what is sent', async ({
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/search?q={{term}}'))
  await requestEditor.writeScript(
    'Pre-request',
    "pm.variables.set('term', 'shoes')\nconsole.log('term is', pm.variables.get('term'))\n",
  )
  await requestEditor.writeScript(
    'Post-response',
    [
      "pm.test('status is 200', () => pm.response.to.have.status(200))",
      "pm.test('searched for shoes', () => pm.expect(pm.response.json().query.q).to.eql(['shoes']))",
      '',
    ].join('\n'),
  )
  await requestEditor.snippet('Header is present').click()
  await shot('scripts-tab-post-response')
  await requestEditor.send()

  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)?.url).toBe('/search?q=shoes')
  await expect(responseViewer.tab('Tests')).toContainText('3/3')
  await responseViewer.tab('Tests').click()
  await expect(responseViewer.testSummary()).toHaveText('3 passed, 0 failed')
  await expect(responseViewer.testResult('searched for shoes')).toContainText('Passed')
  await expect(responseViewer.console()).toContainText('term is shoes')
  await shot('tests-tab-passing')

  // The same test against another answer fails, with chai's sentence; the response is still shown.
  await requestEditor.writeScript('Pre-request', "pm.variables.set('term', 'boots')\n")
  await requestEditor.send()
  await expect(responseViewer.tab('Tests')).toContainText('2/3')
  await responseViewer.tab('Tests').click()
  await expect(responseViewer.testSummary()).toHaveText('2 passed, 1 failed')
  await expect(responseViewer.testResult('searched for shoes')).toContainText('Failed')
  await expect(responseViewer.testResult('searched for shoes')).toContainText(
    "expected [ 'boots' ] to deeply equal [ 'shoes' ]",
  )
  await shot('tests-tab-failing')

  // A script error names its line and keeps the answer.
  await requestEditor.writeScript('Post-response', 'const body = pm.response.json()\nbody.missing.call()\n')
  await requestEditor.send()
  await responseViewer.tab('Tests').click()
  await expect(responseViewer.alert()).toContainText('line 2')
  await responseViewer.tab('Body').click()
  await expect(responseViewer.prettyBody()).toContainText('"boots"')
})

test('a collection’s test script runs before the request’s own, and the Tests tab says where each test comes from', async ({
  app,
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const name = `Scripted ${Math.random().toString(36).slice(2, 7)}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'Settings…')
  const settings = new CollectionSettingsPage(app)
  await settings.writeScript('Post-response', "pm.test('every answer is JSON', () => pm.response.to.be.json)\n")
  await shot('collection-settings-scripts')
  await settings.save().click()
  await expect(settings.dialog()).toBeHidden()

  await workspace.rowAction(name, 'New request')
  await workspace.rename('Orders')
  await requestEditor.url().fill(target.url('/orders'))
  await requestEditor.writeScript('Post-response', "pm.test('own test', () => pm.response.to.have.status(200))\n")
  await requestEditor.send()
  await responseViewer.tab('Tests').click()
  await expect(responseViewer.testSummary()).toHaveText('2 passed, 0 failed')
  await expect(responseViewer.testResult('every answer is JSON')).toContainText(`collection “${name}”, post-response`)
  await expect(responseViewer.testResult('own test')).toContainText('request, post-response')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('tests-tab-collection-dark')
  await app.emulateMedia({ colorScheme: 'light' })
})
