import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { screensDir } from '../fixtures.js'
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

test.describe('team server sign-in', () => {
  test.skip(!teamDatabaseUrl, 'the team server needs PostgreSQL: set TEST_DATABASE_URL (.ci/run does)')
  let server: TeamServer
  test.beforeAll(async () => {
    server = new TeamServer()
    await server.start()
  })
  test.afterAll(async () => {
    await server?.dispose()
  })

  test('a person added with the CLI sets a password from the printed link, signs in and sees the app', async ({
    browser,
  }) => {
    const { printed, link } = await server.addUser('ana@example.com', '--name', 'Ana', '--owner')
    expect(printed).toContain('owner of “Team”')
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } })
    const page = await context.newPage()

    // Not signed in: the app sends the browser to the sign-in page.
    await page.goto(server.url)
    await expect(page).toHaveURL(`${server.url}sign-in`)

    await page.goto(link)
    const team = new TeamSignInPage(page)
    await expect(team.heading()).toHaveText('Choose your password')
    await expect(page.getByText('ana@example.com')).toBeVisible()
    await shoot(page, 'team-set-password')

    await team.choosePassword('a long enough password', 'a long enough passw0rd')
    await expect(team.error()).toHaveText('The two passwords differ; type the same password twice.')
    await shoot(page, 'team-set-password-error')
    await team.choosePassword('a long enough password')

    await expect(page).toHaveURL(`${server.url}sign-in?done=password`)
    await expect(team.note()).toHaveText('Your password is set. Sign in with it.')
    await shoot(page, 'team-sign-in')

    await team.signIn('ana@example.com', 'not the password')
    await expect(team.error()).toContainText('That email and password do not match an account here.')
    await expect(team.email()).toHaveValue('ana@example.com')
    await shoot(page, 'team-sign-in-error')

    await team.signIn('ana@example.com', 'a long enough password')
    await expect(page).toHaveURL(server.url)
    await expect(new RequestEditorPage(page).url()).toBeVisible()
    const [cookie] = await context.cookies(server.url)
    expect(cookie).toMatchObject({ name: 'courier_session', httpOnly: true, sameSite: 'Strict', path: '/' })
    await expect(team.signedInAs('Ana')).toBeVisible()
    await shoot(page, 'team-app-signed-in')

    // The link was spent: opening it again shows why and where to go.
    const again = await context.newPage()
    await again.goto(link)
    await expect(new TeamSignInPage(again).heading()).toHaveText('This link cannot be used')
    await again.close()

    // Sign out ends the session on the server: the app is behind the sign-in page again.
    await team.signOutButton().click()
    await expect(page).toHaveURL(`${server.url}sign-in`)
    await page.goto(server.url)
    await expect(page).toHaveURL(`${server.url}sign-in`)
    await expect(team.signInButton()).toBeVisible()
    await context.close()
  })
})
