import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from '../auth-fixtures.js'
import { screensDir } from '../fixtures.js'
import { payload } from '../jwt-payload.js'
import { CallbackPage } from '../pages/callback.page.js'

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(screensDir, `${name}.png`) })
}

test.afterEach(async ({ idp }) => {
  idp.mock.service.removeAllListeners()
})

test('authorization code + PKCE: the popup signs in, Courier captures the callback, the next request carries the token; replayed and forged states are refused', async ({
  app,
  courier,
  auth,
  requestEditor,
  responseViewer,
  target,
  idp,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/profile'))
  await auth.choose('OAuth 2.0')
  await auth.enlargeEditor()
  await expect(auth.grant()).toHaveValue('authorization_code_pkce')
  await auth.configure({ Issuer: idp.issuer, 'Client ID': 'courier-e2e', Scope: 'openid profile' })
  await auth.discover().click()
  await expect(auth.discovered()).toContainText(`Found the metadata of ${idp.issuer}`)
  await expect(auth.field('Token URL')).toHaveValue(`${idp.issuer}/token`)
  await expect(auth.field('Authorization URL')).toHaveValue(`${idp.issuer}/authorize`)
  await shot('oauth-config')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('oauth-config-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  const callbacks: string[] = []
  app.context().on('request', (request) => {
    if (request.url().includes('/oauth/callback?')) callbacks.push(request.url())
  })
  const popupOpened = app.waitForEvent('popup')
  await auth.getToken().click()
  const popup = await popupOpened
  await popup.waitForEvent('close')
  await expect(auth.flowResult()).toContainText('Token received')
  await expect(auth.tokenStatus()).toHaveText(/^Expires in (59 min|60 min|1 h)$/)
  await expect(auth.maskedToken()).toHaveText(/^eyJ.{5}….{4}$/)
  for (const step of [
    'Discovery',
    'Authorization request',
    'Callback',
    'State check',
    'Token request',
    'Token inspection',
  ]) {
    await expect(auth.step(step)).toHaveAccessibleName(`${step}: done`)
  }
  await expect(auth.step('Authorization request')).toContainText('PKCE S256: the verifier stays on the Courier server')
  await expect(auth.step('State check')).toContainText('Bound to the browser that started the flow')
  await expect(auth.tokenCard()).toContainText('Signature verified')
  await expect(auth.jwtClaims('Access token')).toContainText(idp.issuer)
  await expect(auth.jwtClaims('ID token')).toContainText('courier-e2e')
  await shot('oauth-token')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('oauth-token-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const authorization = String(target.received.at(-1)!.headers.authorization)
  expect(authorization).toMatch(/^Bearer eyJ/)
  expect(payload(authorization.slice(7))).toMatchObject({ iss: idp.issuer, sub: 'johndoe' })

  // The callback URL, visited again (replay) or made up (forgery), exchanges nothing.
  expect(callbacks).toHaveLength(1)
  const other = await app.context().newPage()
  const callbackPage = new CallbackPage(other)
  await other.goto(callbacks[0]!)
  await expect(callbackPage.heading()).toHaveText('Sign-in not finished')
  await expect(callbackPage.code()).toHaveText('OAUTH_STATE_INVALID')
  expect(new URL(other.url()).search).toBe('') // the code left the address bar
  await screenshot(other, 'oauth-callback-replayed')
  await other.emulateMedia({ colorScheme: 'dark' })
  await screenshot(other, 'oauth-callback-replayed-dark')
  await other.goto(`${courier.url}oauth/callback?code=stolen-code&state=forged-state`)
  await expect(callbackPage.code()).toHaveText('OAUTH_STATE_INVALID')
  await other.goto(`${courier.url}oauth/callback?code=stolen-code`)
  await expect(callbackPage.code()).toHaveText('OAUTH_STATE_MISSING')
  await other.close()
})

test('refresh after expiry: the expired token is refreshed before the next send', async ({
  app,
  auth,
  requestEditor,
  responseViewer,
  target,
  idp,
  shot,
}) => {
  const issued: string[] = []
  idp.mock.service.on('beforeResponse', (response) => {
    const body = response.body as Record<string, unknown>
    if (issued.length === 0) body.expires_in = 2
    issued.push(String(body.access_token))
  })
  await requestEditor.url().fill(target.url('/orders'))
  await auth.choose('OAuth 2.0')
  await auth.enlargeEditor()
  await auth.configure({ Issuer: idp.issuer, 'Client ID': 'courier-e2e' })
  const popupOpened = app.waitForEvent('popup')
  await auth.getToken().click()
  await (await popupOpened).waitForEvent('close')
  await expect(auth.tokenCard()).toContainText('Stored (sealed on the server)')
  await expect(auth.tokenStatus()).toHaveText(/^Expired \d+ s ago$/, { timeout: 15_000 })
  await shot('oauth-token-expired')

  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(issued).toHaveLength(2)
  expect(target.received.at(-1)!.headers.authorization).toBe(`Bearer ${issued[1]}`)
  await expect(auth.tokenStatus()).toHaveText(/^Expires in (59 min|60 min|1 h)$/)
  await expect(auth.tokenCard()).toContainText('Refreshed')
  await shot('oauth-token-refreshed')
})

test('an error from the provider is shown as text, in the popup and in the Auth tab, and no token is kept', async ({
  app,
  auth,
  idp,
  shot,
}) => {
  idp.mock.service.once('beforeAuthorizeRedirect', (redirect) => {
    redirect.url.searchParams.delete('code')
    redirect.url.searchParams.set('error', 'access_denied')
    redirect.url.searchParams.set('error_description', 'The user said <b>no</b> & closed the window')
  })
  await auth.choose('OAuth 2.0')
  await auth.enlargeEditor()
  await auth.configure({ Issuer: idp.issuer, 'Client ID': 'courier-e2e', Scope: 'openid' })
  await auth.setTokenName('denied-token')
  const popupOpened = app.waitForEvent('popup')
  await auth.getToken().click()
  const popup = await popupOpened
  await expect(new CallbackPage(popup).code()).toHaveText('OAUTH_PROVIDER_ERROR')
  await expect(new CallbackPage(popup).message()).toHaveText(
    'Callback: the provider answered access_denied: The user said <b>no</b> & closed the window.',
  )
  await screenshot(popup, 'oauth-provider-error-popup')
  await popup.close()

  await expect(auth.flowResult()).toContainText('OAUTH_PROVIDER_ERROR')
  await expect(auth.flowResult()).toContainText('access_denied: The user said <b>no</b> & closed the window')
  await expect(auth.step('Callback')).toHaveAccessibleName('Callback: failed')
  await expect(auth.tokenCard()).toHaveCount(0)
  await shot('oauth-provider-error')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('oauth-provider-error-dark')
})

test('a redirect URI Courier does not serve: the pasted address finishes the flow', async ({
  app,
  auth,
  idp,
  target,
  shot,
}) => {
  await auth.choose('OAuth 2.0')
  await auth.enlargeEditor()
  await auth.grant().selectOption({ label: 'Authorization code' })
  await auth.configure({
    Issuer: idp.issuer,
    'Client ID': 'courier-e2e',
    'Redirect URI': target.url('/registered/callback'),
  })
  await auth.setTokenName('pasted-token')
  const popupOpened = app.waitForEvent('popup')
  await auth.getToken().click()
  const popup = await popupOpened
  await popup.waitForURL(/\/registered\/callback\?code=/)
  const landed = popup.url()
  await popup.close()
  await expect(auth.redirectUrl()).toBeVisible()
  await shot('oauth-paste-redirect')
  await auth.redirectUrl().fill(landed)
  await auth.finishSignIn().click()
  await expect(auth.flowResult()).toContainText('Token received')
  await expect(auth.step('Callback')).toContainText('Pasted redirect URL')
  await expect(auth.step('Authorization request')).toContainText('No PKCE')
})
