import { expect, test } from '../auth-fixtures.js'

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

test('Basic, Bearer with a custom prefix and an API key in the query go out as set; history masks them', async ({
  app,
  auth,
  requestEditor,
  responseViewer,
  history,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/auth/basic'))
  await auth.choose('Basic')
  await auth.field('Username').fill('ada')
  await auth.field('Password').fill('s3cret-pw')
  await expect(auth.field('Password')).toHaveAttribute('type', 'password')
  await expect(auth.sentAs()).toHaveText('Sent as Authorization: Basic ••••••')
  await shot('auth-basic')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-basic-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.headers.authorization).toBe(basic('ada', 's3cret-pw'))
  await responseViewer.tab('Request').click()
  await expect(responseViewer.sentHeader(/authorization/i)).toContainText(basic('ada', 's3cret-pw'))

  await requestEditor.url().fill(target.url('/auth/bearer'))
  await auth.choose('Bearer token')
  await auth.field('Token').fill('ghp_e2eToken123')
  await auth.field('Prefix').fill('token')
  await expect(auth.sentAs()).toHaveText('Sent as Authorization: token ••••••')
  await shot('auth-bearer')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.headers.authorization).toBe('token ghp_e2eToken123')

  await requestEditor.url().fill(target.url('/auth/apikey?page=2'))
  await auth.choose('API key')
  await auth.field('API key name').fill('tenant_key')
  await auth.field('API key value').fill('k-777-secret')
  await auth.addTo('Query parameter').check()
  await expect(auth.sentAs()).toHaveText('Sent as ?tenant_key=••••••')
  await shot('auth-apikey')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('auth-apikey-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.url).toBe('/auth/apikey?page=2&tenant_key=k-777-secret')

  // Switching type keeps what was typed in the others.
  await auth.type().selectOption({ label: 'Basic' })
  await expect(auth.field('Username')).toHaveValue('ada')

  // History keeps the exchanges with every auth-generated secret masked, custom key name included.
  await history.show()
  await history.entry('/auth/apikey').click()
  await responseViewer.tab('Request').click()
  await expect(responseViewer.finalUrl()).toHaveText(`${target.url('/auth/apikey')}?page=2&tenant_key=••••••`)
  await history.entry('/auth/basic').click()
  await responseViewer.tab('Request').click()
  await expect(responseViewer.sentHeader(/authorization/i)).toContainText('••••••')
  await expect(responseViewer.region()).not.toContainText('s3cret')
  await auth.open()
  await expect(auth.field('Password')).toHaveValue('••••••')
})

test('Digest: Courier answers the 401 challenge with SHA-256 and shows both exchanges', async ({
  app,
  auth,
  requestEditor,
  responseViewer,
  digestTarget,
  shot,
}) => {
  await requestEditor.url().fill(digestTarget.url('/digest/ada/pw-digest'))
  await auth.choose('Digest')
  await auth.field('Username').fill('ada')
  await auth.field('Password').fill('pw-digest')
  await shot('auth-digest')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.region()).toContainText('"algorithm": "SHA-256"')
  const [challenge, answer] = digestTarget.received.slice(-2)
  expect(challenge!.authorization).toBeUndefined()
  expect(answer!.authorization).toMatch(
    /^Digest username="ada", realm="courier-e2e", uri="\/digest\/ada\/pw-digest", algorithm=SHA-256, nonce="[0-9a-f]+", nc=00000001, cnonce="[0-9a-f]+", qop=auth, response="[0-9a-f]{64}", opaque="e2e"$/,
  )

  await responseViewer.tab('Redirects').click()
  const hops = responseViewer.hops()
  await expect(hops.nth(0)).toContainText('401 Unauthorized')
  await expect(hops.nth(1)).toContainText('200 OK')
  await responseViewer.tab('Request').click()
  await expect(responseViewer.sentHeader(/authorization/i)).toContainText('Digest username="ada"')
  await shot('auth-digest-exchange')
  await app.emulateMedia({ colorScheme: 'dark' })
  await auth.open()
  await shot('auth-digest-dark')

  // A wrong password ends with the server's second 401, not a loop.
  await auth.field('Password').fill('wrong')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('401 Unauthorized')
})
