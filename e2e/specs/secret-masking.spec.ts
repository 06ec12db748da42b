import { expect, test } from '../auth-fixtures.js'
import { ImportExportPage } from '../pages/import-export.page.js'

const unique = () => Math.random().toString(36).slice(2, 8)
const SECRET = 'tok-e2e-secret-9931'

test('a secret variable: the response as the server sent it, the request and history as {{token}} (issue 12 item 5)', async ({
  app,
  workspace,
  requestEditor,
  responseViewer,
  history,
  target,
  shot,
}) => {
  const env = `masking-${unique()}`
  await workspace.createEnvironment(
    env,
    [
      ['token', SECRET],
      ['page', '2'],
    ],
    ['token'],
  )
  await workspace.environment().selectOption({ label: env })
  await requestEditor.url().fill(`${target.url('/echo')}?t={{token}}&page={{page}}`)
  // The preview of what will be sent reads the secret as its variable, not as encoded bullets.
  await expect(requestEditor.finalUrl()).toHaveText(`Sends ${target.url('/echo')}?t={{token}}&page=2`)
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  // The echo's body is what the server said: the real value, not bullets.
  await expect(responseViewer.region()).toContainText(SECRET)
  await expect(responseViewer.region()).not.toContainText('••••••')
  await shot('masking-live-body')

  // What Courier sent names the variable, never encoded bullets.
  await responseViewer.tab('Request').click()
  await expect(responseViewer.finalUrl()).toHaveText(`${target.url('/echo')}?t={{token}}&page=2`)
  await expect(responseViewer.region()).not.toContainText('%E2%80%A2')
  await shot('masking-live-request')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('masking-live-request-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // History keeps the masked form, read as the variable.
  await history.show()
  const entry = history.entry('/echo?t={{token}}&page=2')
  await expect(entry).toBeVisible()
  await expect(history.region()).not.toContainText('%E2%80%A2')
  await expect(history.region()).not.toContainText(SECRET)
  await shot('masking-history')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('masking-history-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await entry.click()
  await responseViewer.tab('Request').click()
  await expect(responseViewer.finalUrl()).toHaveText(`${target.url('/echo')}?t={{token}}&page=2`)
})

test('Bearer, API key and client secret fields show what is typed; copy as code uses placeholders (issue 12 item 8)', async ({
  app,
  auth,
  workspace,
  requestEditor,
  target,
  shot,
}) => {
  const env = `fields-${unique()}`
  await workspace.createEnvironment(env, [['token', SECRET]], ['token'])
  await workspace.environment().selectOption({ label: env })
  await requestEditor.url().fill(target.url('/echo'))

  // A variable in the Bearer field is read as typed and coloured; its secret value stays masked on hover.
  await auth.choose('Bearer token')
  await auth.field('Token').fill('{{token}}')
  await expect(auth.field('Token')).toHaveAttribute('type', 'text')
  await expect(auth.sentAs()).toHaveText('Sent as Authorization: Bearer {{token}}')
  await auth.field('Token').hover({ position: { x: 20, y: 10 } })
  await expect(workspace.tooltip()).toHaveText(`{{token}} = •••••• (secret) — from environment “${env}”`)
  await shot('fields-bearer-variable')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('fields-bearer-variable-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // A pasted JWT can be checked: the field shows it.
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl'
  await auth.field('Token').fill(jwt)
  await expect(auth.field('Token')).toHaveAttribute('type', 'text')
  await expect(auth.field('Token')).toHaveValue(jwt)
  await shot('fields-bearer-jwt')

  // Copy as code: the typed token becomes a placeholder, never bullets.
  const code = new ImportExportPage(app)
  await code.codeButton().click()
  await code.language().selectOption('curl')
  await expect.poll(() => code.codeText()).toContain('Authorization: Bearer {{token}}')
  expect(await code.codeText()).not.toContain(jwt)
  expect(await code.codeText()).not.toContain('••••••')
  await shot('fields-code-placeholder')
  await app.keyboard.press('Escape')

  await auth.choose('API key')
  await auth.field('API key name').fill('X-Api-Key')
  await auth.field('API key value').fill('k-typed-123')
  await expect(auth.field('API key value')).toHaveAttribute('type', 'text')
  await shot('fields-apikey')

  // Basic's typed password stays hidden until revealed; a variable there is shown.
  await auth.choose('Basic')
  await auth.field('Username').fill('ada')
  await auth.field('Password').fill('typed-pw')
  await expect(auth.field('Password')).toHaveAttribute('type', 'password')
  await auth.reveal('Password').click()
  await expect(auth.field('Password')).toHaveAttribute('type', 'text')
  await shot('fields-basic-revealed')
  await auth.field('Password').fill('{{token}}')
  await expect(auth.field('Password')).toHaveAttribute('type', 'text')
  await expect(auth.reveal('Password')).toHaveCount(0)
  await shot('fields-basic-variable')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('fields-basic-variable-dark')
})
