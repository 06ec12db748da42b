import { expect, test } from '../auth-fixtures.js'
import { EnvironmentsPage } from '../pages/environments.page.js'

const unique = () => Math.random().toString(36).slice(2, 8)

test('Environments dialog: typing waits for a new environment, and unsaved edits survive switching and an aborted close', async ({
  app,
  shot,
}) => {
  const environments = new EnvironmentsPage(app)
  // The server's answer to "create" is held until the test lets it through, as on a slow link.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  let creating = () => {}
  const createSeen = new Promise<void>((resolve) => (creating = resolve))
  await app.route('**/api/environments', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback()
    creating()
    await held
    await route.fallback()
  })

  await app.getByRole('button', { name: 'Environments', exact: true }).click()
  await environments.newEnvironment().click()
  await createSeen
  // Until the new one exists, the editor shown (Globals or another environment) takes no typing.
  await expect(environments.variableName().last()).toBeDisabled()
  await expect(environments.newEnvironment()).toBeDisabled()
  await shot('environments-creating')
  release()
  await expect(environments.name()).toHaveValue('New environment')
  await expect(environments.name()).toBeEnabled()

  const env = `drafts-${unique()}`
  await environments.name().fill(env)
  await environments.variableName().last().fill('region')
  await environments.sharedValue('region').fill('eu-west-1')
  await environments.save().click()
  await expect(environments.save()).toBeDisabled()

  // An edit not saved yet: switching to Globals and back keeps it, marked in the list.
  await environments.sharedValue('region').fill('us-east-2')
  await expect(environments.unsaved(env)).toBeVisible()
  await environments.environment('Globals').click()
  await expect(environments.name()).toHaveCount(0)
  await environments.environment(env).click()
  await expect(environments.sharedValue('region')).toHaveValue('us-east-2')
  await shot('environments-unsaved')

  // Closing asks first; "Cancel" keeps the dialog and the edit.
  app.once('dialog', (dialog) => {
    expect(dialog.message()).toBe(`Discard your unsaved changes to “${env}”?`)
    void dialog.dismiss()
  })
  await environments.close().click()
  await expect(environments.sharedValue('region')).toHaveValue('us-east-2')

  await environments.save().click()
  await expect(environments.unsaved(env)).toHaveCount(0)
  await environments.close().click()
  await expect(environments.dialog()).toHaveCount(0)
  await environments.open(env)
  await expect(environments.sharedValue('region')).toHaveValue('us-east-2')
})

test('what is typed while a Save is on its way is kept, and saves next without a conflict', async ({ app }) => {
  const environments = new EnvironmentsPage(app)
  await environments.open('Globals')
  await environments.newEnvironment().click()
  await expect(environments.name()).toHaveValue('New environment')
  const env = `inflight-${unique()}`
  await environments.name().fill(env)
  await environments.variableName().last().fill('region')
  await environments.sharedValue('region').fill('eu-west-1')

  // The save's answer is held until the next edit has been typed, as on a slow link.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await app.route('**/api/environments/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.fallback()
    await held
    await route.fallback()
  })
  const answered = app.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().includes('/api/environments/'),
  )
  await environments.save().click()
  await environments.sharedValue('region').fill('us-east-2')
  release()
  await answered
  await expect(environments.sharedValue('region')).toHaveValue('us-east-2')
  await expect(environments.unsaved(env)).toBeVisible()
  await app.unroute('**/api/environments/*')

  await environments.save().click()
  await expect(environments.unsaved(env)).toHaveCount(0)
  await environments.close().click()
  await environments.open(env)
  await expect(environments.sharedValue('region')).toHaveValue('us-east-2')
})
