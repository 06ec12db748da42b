import { expect, test } from '../auth-fixtures.js'
import { EnvironmentsPage } from '../pages/environments.page.js'

const unique = () => Math.random().toString(36).slice(2, 8)

test('my current value of a variable is what my sends use; Reset goes back to the shared value (issue 13)', async ({
  app,
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const env = `current-${unique()}`
  await workspace.createEnvironment(env, [['who', 'shared-value-1']])
  await workspace.environment().selectOption({ label: env })
  const environments = new EnvironmentsPage(app)

  await environments.open(env)
  await expect(environments.sharedValue('who')).toHaveValue('shared-value-1')
  await expect(environments.currentValue('who')).toHaveValue('')
  await expect(environments.privateHint()).toBeVisible()
  await environments.setCurrent('who', 'my-own-value-2')
  await expect(environments.reset('who')).toBeVisible()
  await shot('environment-current-values')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('environment-current-values-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await environments.close().click()

  await requestEditor.url().fill(`${target.url('/echo')}?who={{who}}`)
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.region()).toContainText('my-own-value-2')

  // Reset: my current value is gone, the shared one is used again (and was never changed).
  await environments.open(env)
  await environments.reset('who').click()
  await expect(environments.currentValue('who')).toHaveValue('')
  await expect(environments.sharedValue('who')).toHaveValue('shared-value-1')
  await environments.close().click()
  await requestEditor.send()
  await expect(responseViewer.region()).toContainText('shared-value-1')
})
