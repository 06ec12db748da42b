import { expect, test } from '../auth-fixtures.js'
import { payload } from '../jwt-payload.js'
import { DeviceApprovalPage } from '../pages/device-approval.page.js'

test.afterEach(async ({ idp }) => {
  idp.mock.service.removeAllListeners()
})

test('client credentials: a token at once, the token request shown with the secret masked', async ({
  app,
  auth,
  requestEditor,
  responseViewer,
  target,
  idp,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/items'))
  await auth.choose('OAuth 2.0')
  await auth.enlargeEditor()
  await auth.grant().selectOption({ label: 'Client credentials' })
  await auth.configure({
    'Token URL': `${idp.issuer}/token`,
    'Client ID': 'svc-e2e',
    'Client secret': 'very-secret-value',
    Scope: 'read:items',
  })
  await auth.getToken().click()
  await expect(auth.flowResult()).toContainText('Token received')
  await auth.exchangeToggle('Token request').click()
  await expect(auth.exchangeHeaders('Token request')).toContainText('Basic ••••••')
  await expect(auth.exchangeRequestBody('Token request')).toHaveText('grant_type=client_credentials&scope=read%3Aitems')
  await expect(auth.exchangeResponseBody('Token request')).toContainText('"token_type": "Bearer"')
  await expect(auth.panel()).not.toContainText('very-secret-value')
  await expect(auth.jwtClaims('Access token')).toContainText('read:items')
  await auth.step('Token request').scrollIntoViewIfNeeded()
  await shot('oauth-inspector-exchange')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('oauth-inspector-exchange-dark')

  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(payload(String(target.received.at(-1)!.headers.authorization).slice(7))).toMatchObject({ scope: 'read:items' })
})

test('device code: the user code and page are shown, Courier polls (slowing down when told) until the person approves', async ({
  app,
  auth,
  idp,
  shot,
}) => {
  await auth.choose('OAuth 2.0')
  await auth.enlargeEditor()
  await auth.grant().selectOption({ label: 'Device code' })
  await auth.configure({
    Issuer: idp.issuer,
    'Device authorization URL': idp.deviceAuthorizationUrl,
    'Token URL': idp.deviceTokenUrl,
    'Client ID': 'tv-app',
    Scope: 'read',
  })
  await auth.getToken().click()
  await expect(auth.userCode()).toHaveText(/^[0-9A-F]{4}-[0-9A-F]{4}$/)
  const userCode = (await auth.userCode().textContent())!
  await expect(auth.flowStatus()).toContainText('Waiting for the person to enter the code')
  await shot('oauth-device-code')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('oauth-device-code-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // The person, on "another device", opens the verification page and approves.
  const device = await app.context().newPage()
  await device.goto((await auth.verificationLink().getAttribute('href'))!)
  const approval = new DeviceApprovalPage(device)
  await approval.approveCode(userCode)
  await expect(approval.heading()).toHaveText('Device approved')
  await device.close()

  await expect(auth.flowResult()).toContainText('Token received', { timeout: 30_000 })
  await expect(auth.jwtClaims('Access token')).toContainText('tv-user')
  await expect(auth.tokenCard()).toContainText('Signature verified')
  const polls = idp.sessionOf(userCode)!.polls
  expect(polls.length).toBeGreaterThanOrEqual(3)
  // RFC 8628 §3.5: after slow_down (the 2nd answer) every interval grows by 5 s: 1 s became 6 s.
  expect(polls[1]! - polls[0]!).toBeGreaterThanOrEqual(900)
  expect(polls[2]! - polls[1]!).toBeGreaterThanOrEqual(5_900)
  await expect(auth.step('Polling the token endpoint')).toContainText(`Signed in after ${polls.length} polls`)
  await shot('oauth-device-done')
})

test('tokens are kept per environment: the token fetched in the Auth tab is the one the send finds, {{variables}} resolved', async ({
  auth,
  workspace,
  requestEditor,
  responseViewer,
  target,
  idp,
}) => {
  const issued: string[] = []
  idp.mock.service.on('beforeResponse', (response) =>
    issued.push(String((response.body as Record<string, unknown>).access_token)),
  )
  const suffix = Date.now().toString(36)
  await workspace.createEnvironment(`oauth-${suffix}`, [
    ['idpToken', `${idp.issuer}/token`],
    ['clientId', 'env-client'],
  ])
  await workspace.environment().selectOption({ label: `oauth-${suffix}` })
  await requestEditor.url().fill(target.url('/per-environment'))
  await auth.choose('OAuth 2.0')
  await auth.grant().selectOption({ label: 'Client credentials' })
  await auth.configure({ 'Token URL': '{{idpToken}}', 'Client ID': '{{clientId}}' })
  await auth.setTokenName(`env-${suffix}`)
  await auth.getToken().click()
  await expect(auth.flowResult()).toContainText('Token received')
  await expect(auth.tokenCard()).toBeVisible()

  // Client credentials fetch a new token when none is found: one token issued means the send found it.
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(issued).toHaveLength(1)
  expect(target.received.at(-1)!.headers.authorization).toBe(`Bearer ${issued[0]}`)

  await workspace.environment().selectOption({ label: 'No environment' })
  await expect(auth.tokenCard()).toHaveCount(0)
  await expect(auth.panel()).toContainText('No token yet')
})
