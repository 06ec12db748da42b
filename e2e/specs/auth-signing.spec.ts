import { expect, test as base } from '../fixtures.js'
import { SigningAuthPage } from '../pages/signing-auth.page.js'
import { SIGNING, SigningTarget } from '../signing-target.js'

const test = base.extend<{ signing: SigningAuthPage }, { signingTarget: SigningTarget }>({
  signing: async ({ app }, use) => use(new SigningAuthPage(app)),
  signingTarget: [
    async ({}, use) => {
      const target = new SigningTarget()
      await target.start()
      await use(target)
      await target.stop()
    },
    { scope: 'worker' },
  ],
})

test('AWS Signature: the request is signed as sent and the server verifies it', async ({
  app,
  signing,
  requestEditor,
  responseViewer,
  signingTarget,
  shot,
}) => {
  await requestEditor.url().fill(signingTarget.url('/aws/items?b=2&a=1'))
  await signing.choose('AWS Signature')
  await signing.fill({
    'Access key': SIGNING.aws.accessKey,
    'Secret key': SIGNING.aws.secretKey,
    Region: SIGNING.aws.region,
    Service: SIGNING.aws.service,
  })
  await expect(signing.field('Secret key')).toHaveAttribute('type', 'password')
  await expect(signing.sentAs()).toContainText('Credential=AKIDEXAMPLE/‹date›/eu-west-1/execute-api/aws4_request')
  await expect(signing.sentAs()).not.toContainText(SIGNING.aws.secretKey)
  await signing.enlargeEditor()
  await shot('auth-aws-signature')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-aws-signature-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.prettyBody()).toContainText('"verified": true')
})

test('OAuth 1.0 HMAC-SHA1: the request is signed as sent and the server verifies it', async ({
  app,
  signing,
  requestEditor,
  responseViewer,
  signingTarget,
  shot,
}) => {
  await requestEditor.url().fill(signingTarget.url('/oauth1/photos?file=vacation.jpg&size=original'))
  await signing.choose('OAuth 1.0')
  await expect(signing.signatureMethod()).toHaveValue('HMAC-SHA1')
  await signing.fill({
    'Consumer key': SIGNING.oauth1.consumerKey,
    'Consumer secret': SIGNING.oauth1.consumerSecret,
    'Access token': SIGNING.oauth1.token,
    'Token secret': SIGNING.oauth1.tokenSecret,
  })
  await expect(signing.sentAs()).toContainText('Authorization: OAuth oauth_consumer_key=dpf43f3p2l4k3l03')
  await signing.enlargeEditor()
  await shot('auth-oauth1')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-oauth1-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.prettyBody()).toContainText('"verified": true')

  // A wrong token secret is refused by the same server: the check is real.
  await signing.field('Token secret').fill('not-the-secret')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('403 Forbidden')
})
