import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, screensDir, test } from '../fixtures.js'
import { RequestEditorPage } from '../pages/request-editor.page.js'
import { ResponseViewerPage } from '../pages/response-viewer.page.js'
import { SignInPage } from '../pages/sign-in.page.js'

const shoot = async (page: Page, name: string) => {
  await page.screenshot({ path: join(screensDir, `${name}.png`) })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: join(screensDir, `${name}-dark.png`) })
  await page.emulateMedia({ colorScheme: 'light' })
}

test('opening a sign-in link, even from another site, signs in once and lands on the clean URL', async ({
  browser,
  courier,
}) => {
  const context = await browser.newContext({ storageState: undefined })
  const page = await context.newPage()
  const link = await courier.openLink()
  // A link followed from another site: the SameSite=Strict cookie must still reach the app.
  await page.goto(`data:text/html,<a href="${link}">Open Courier</a>`)
  await page.getByRole('link', { name: 'Open Courier' }).click()
  await page.waitForURL(courier.url)
  expect(page.url()).toBe(courier.url)
  await expect(new RequestEditorPage(page).url()).toBeVisible()
  await expect(new SignInPage(page).pageToken()).toHaveAttribute('content', /^[A-Za-z0-9_-]{43}$/)
  const [cookie] = await context.cookies(courier.url)
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' })

  // The same link again, in another browser: spent.
  const other = await browser.newContext({ storageState: undefined })
  const second = await other.newPage()
  await second.goto(link)
  const signIn = new SignInPage(second)
  await expect(signIn.heading()).toHaveText('This sign-in link cannot be used')
  await expect(signIn.instructions()).toContainText('courier open')
  await shoot(second, 'sign-in-link-spent')
  await other.close()
  await context.close()
})

test('/ without a session says how to sign in and carries no token', async ({ browser, courier }) => {
  const context = await browser.newContext({ storageState: undefined })
  const page = await context.newPage()
  const response = await page.goto(courier.url)
  expect(response?.status()).toBe(401)
  const signIn = new SignInPage(page)
  await expect(signIn.heading()).toHaveText('Sign in to Courier')
  await expect(signIn.instructions()).toHaveText(
    'Open the sign-in link that courier serve printed in its terminal, or run courier open there for a fresh one.',
  )
  await expect(signIn.pageToken()).toHaveCount(0)
  expect(await context.cookies()).toEqual([])
  await shoot(page, 'sign-in-needed')
  await context.close()
})

test('a page open across a server restart keeps working (the session is in the database)', async ({
  app,
  courier,
  target,
}) => {
  const requestEditor = new RequestEditorPage(app)
  const responseViewer = new ResponseViewerPage(app)
  await courier.restart()
  await requestEditor.url().fill(target.url('/after-restart'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(new SignInPage(app).sessionEndedBanner()).toHaveCount(0)
})

test('a page whose session ended says how to sign in again', async ({ app, target }) => {
  const requestEditor = new RequestEditorPage(app)
  await app.context().clearCookies()
  await requestEditor.url().fill(target.url('/after-sign-out'))
  await requestEditor.send()
  const banner = new SignInPage(app).sessionEndedBanner()
  await expect(banner).toContainText('run courier open for a fresh one')
  await shoot(app, 'session-ended-banner')
})
