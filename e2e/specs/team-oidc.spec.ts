import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { screensDir } from '../fixtures.js'
import { LocalOidcProvider, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } from '../oidc-provider.js'
import { OidcProviderPage } from '../pages/oidc-provider.page.js'
import { RequestEditorPage } from '../pages/request-editor.page.js'
import { TeamSignInPage } from '../pages/team-sign-in.page.js'
import { teamDatabaseUrl, TeamServer } from '../team-server.js'

const shoot = async (page: Page, name: string) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.screenshot({ path: join(screensDir, `${name}.png`) })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: join(screensDir, `${name}-dark.png`) })
  await page.emulateMedia({ colorScheme: 'light' })
}

test.describe('team server sign-in with OpenID Connect', () => {
  test.skip(!teamDatabaseUrl, 'the team server needs PostgreSQL: set TEST_DATABASE_URL (.ci/run does)')
  let server: TeamServer
  let idp: LocalOidcProvider
  test.beforeAll(async () => {
    // The provider is "localhost", Courier "127.0.0.1": two sites, as a real provider and Courier are.
    idp = await LocalOidcProvider.listen('localhost')
    server = new TeamServer()
    await server.start({
      env: {
        COURIER_OIDC_ISSUER: idp.issuer,
        COURIER_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
        COURIER_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
        COURIER_OIDC_NAME: 'Acme SSO',
      },
    })
    idp.register(`${server.url}sign-in/oidc/callback`, { emailInIdToken: true })
  })
  test.afterAll(async () => {
    await server?.dispose()
    await idp?.close()
  })

  test('a person clicks “Sign in with Acme SSO”, signs in at the provider and lands in Courier signed in', async ({
    browser,
  }) => {
    await server.addUser('ana@example.com', '--name', 'Ana', '--owner')
    idp.accounts.set('ana.acme', { email: 'ana@example.com', email_verified: true, name: 'Ana A.' })
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } })
    const page = await context.newPage()

    await page.goto(server.url)
    await expect(page).toHaveURL(`${server.url}sign-in`)
    const team = new TeamSignInPage(page)
    await expect(team.providerLink('Acme SSO')).toBeVisible()
    await expect(team.signInButton()).toBeVisible()
    await shoot(page, 'team-sign-in-oidc')

    await team.providerLink('Acme SSO').click()
    await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`))
    await new OidcProviderPage(page).signInAndConsent('ana.acme')

    await expect(page).toHaveURL(server.url)
    await expect(new RequestEditorPage(page).url()).toBeVisible()
    await expect(team.signedInAs('Ana')).toBeVisible()
    const cookies = await context.cookies(server.url)
    expect(cookies.find((c) => c.name === 'courier_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
    // The flow's browser binding is spent.
    expect(cookies.find((c) => c.name === 'courier_oidc')).toBeUndefined()
    await context.close()
  })

  test('someone without a Courier account is told so on the sign-in page, and is not signed in', async ({
    browser,
  }) => {
    idp.accounts.set('bob.acme', { email: 'bob@example.com', email_verified: true })
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } })
    const page = await context.newPage()
    await page.goto(`${server.url}sign-in`)
    const team = new TeamSignInPage(page)
    await team.providerLink('Acme SSO').click()
    await new OidcProviderPage(page).signInAndConsent('bob.acme')

    await expect(team.error()).toHaveText(
      'No Courier account for bob@example.com — ask an admin to add you (courier users add bob@example.com).',
    )
    await expect(team.providerLink('Acme SSO')).toBeVisible()
    await shoot(page, 'team-sign-in-oidc-no-account')
    expect((await context.cookies(server.url)).find((c) => c.name === 'courier_session')).toBeUndefined()
    await page.goto(server.url)
    await expect(page).toHaveURL(`${server.url}sign-in`)
    await context.close()
  })
})
