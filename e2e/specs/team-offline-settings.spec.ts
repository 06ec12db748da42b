import { expect, test, type Page } from '@playwright/test'
import { join } from 'node:path'
import { screensDir } from '../fixtures.js'
import { CollectionSettingsPage } from '../pages/collection-settings.page.js'
import { EnvironmentsPage } from '../pages/environments.page.js'
import { changedElsewhere, keptNote, OutboxPage } from '../pages/outbox.page.js'
import { TeamSignInPage } from '../pages/team-sign-in.page.js'
import { joinTeam, PASSWORD, signUp, teamId, type Person } from '../team-people.js'
import { teamDatabaseUrl, TeamServer } from '../team-server.js'

const shoot = async (page: Page, name: string) => {
  await page.screenshot({ path: join(screensDir, `${name}.png`) })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: join(screensDir, `${name}-dark.png`) })
  await page.emulateMedia({ colorScheme: 'light' })
}

type Vars = { name: string; value: string }[]

test.describe.serial('environment and settings saves kept in the browser while offline or signed out', () => {
  test.skip(!teamDatabaseUrl, 'the team server needs PostgreSQL: set TEST_DATABASE_URL (.ci/run does)')
  test.setTimeout(120_000)
  let server: TeamServer
  let ann: Person
  let ben: Person
  let benOutbox: OutboxPage
  let benEnvs: EnvironmentsPage
  let team = ''
  const env = 'Staging'

  /** The shared value of `variable` in environment `env`, as the server has it (Ann's session). */
  const savedEnvValue = async (variable: string) => {
    const response = await ann.page.request.get(`${server.url}api/environments`, {
      headers: { 'x-courier-workspace': team },
    })
    expect(response.ok()).toBe(true)
    const list = (await response.json()) as { name: string; variables: Vars }[]
    return list.find((e) => e.name === env)?.variables.find((v) => v.name === variable)?.value
  }
  const savedCollectionVars = async (name: string) => {
    const response = await ann.page.request.get(`${server.url}api/collections`, {
      headers: { 'x-courier-workspace': team },
    })
    expect(response.ok()).toBe(true)
    const list = (await response.json()) as { name: string; variables: Vars }[]
    return list.find((c) => c.name === name)?.variables.map((v) => `${v.name}=${v.value}`)
  }

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000)
    server = new TeamServer()
    await server.start()
    ann = await signUp(browser, server, 'ann@example.com', 'Ann', ['--owner'])
    ben = await signUp(browser, server, 'ben@example.com', 'Ben')
    benOutbox = new OutboxPage(ben.page)
    benEnvs = new EnvironmentsPage(ben.page)
    await joinTeam(ann, ben, server)
    team = await teamId(ann, server)
    await ann.workspace.createEnvironment(env, [['host', 'a.example']])
    await ann.workspace.showCollections()
    await ann.workspace.newCollection('Shop')
    await ben.workspace.showCollections()
    await expect(ben.workspace.row('Shop')).toBeVisible({ timeout: 5000 })
    await expect(ben.workspace.environment().getByRole('option', { name: env })).toHaveCount(1, { timeout: 5000 })
  })

  test.afterAll(async () => {
    for (const who of [ann, ben]) await who?.context.close()
    await server?.dispose()
  })

  test('offline: the environment Save is kept and said, the dialog closes without losing it, and it is saved once online', async () => {
    await benEnvs.open(env)
    await expect(benEnvs.sharedValue('host')).toHaveValue('a.example')
    await ben.context.setOffline(true)
    await benEnvs.sharedValue('host').fill('b.example')
    await benEnvs.save().click()
    await expect(keptNote(ben.page)).toContainText(
      'Courier cannot be reached: your changes to “Staging” are kept in this browser and will be saved when you are back online.',
    )
    await expect(benOutbox.banner()).toContainText(
      '1 change is not saved yet — kept in this browser, it will be saved when you are back online.',
    )
    await expect(benOutbox.banner()).toContainText('Waiting: “Staging”.')
    await expect(benEnvs.unsaved(env)).toBeVisible()
    await shoot(ben.page, 'team-offline-environment-kept')
    // Closing asks nothing (a confirm would be dismissed and keep the dialog open): the edit is kept.
    await benEnvs.close().click()
    await expect(benEnvs.dialog()).toBeHidden()
    expect(await savedEnvValue('host')).toBe('a.example')

    // Reopened: the kept edit is the draft.
    await benEnvs.open(env)
    await expect(benEnvs.sharedValue('host')).toHaveValue('b.example')
    await expect(keptNote(ben.page)).toBeVisible()
    await benEnvs.close().click()

    await ben.context.setOffline(false)
    await expect(benOutbox.banner()).toBeHidden()
    expect(await savedEnvValue('host')).toBe('b.example')
    // The other browser sees it.
    const annEnvs = new EnvironmentsPage(ann.page)
    await annEnvs.open(env)
    await expect(annEnvs.sharedValue('host')).toHaveValue('b.example', { timeout: 5000 })
    await annEnvs.close().click()
  })

  test('signed out: a collection variable Save is kept, and replayed after signing in again', async () => {
    const other = await ben.context.newPage()
    await other.goto(server.url)
    await new TeamSignInPage(other).signOutButton().click()
    await expect(other).toHaveURL(`${server.url}sign-in`)
    await other.close()

    const settings = new CollectionSettingsPage(ben.page)
    await ben.workspace.rowAction('Shop', 'Settings…')
    await settings.addVariable('region', 'eu')
    await settings.save().click()
    await expect(keptNote(ben.page)).toContainText(
      'Your session ended: your changes to “Shop settings” are kept in this browser and will be saved after you sign in again.',
    )
    await expect(benOutbox.banner()).toContainText('it will be saved after you sign in again.')
    await shoot(ben.page, 'team-signed-out-settings-kept')
    await settings.close().click()
    await expect(settings.dialog()).toBeHidden()
    expect(await savedCollectionVars('Shop')).toEqual([])

    await benOutbox.signInAgain().click()
    await expect(ben.page).toHaveURL(`${server.url}sign-in`)
    // Hold the page's "who am I" after signing in: until it answers, the banner still shows what is
    // kept (the last person's saves, read only), and nothing is replayed.
    let answerMe = () => {}
    const meHeld = new Promise<void>((resolve) => (answerMe = resolve))
    await ben.page.route('**/api/me', async (route) => {
      await meHeld
      await route.continue()
    })
    await ben.signIn.signIn('ben@example.com', PASSWORD)
    await expect(ben.page).toHaveURL(server.url)
    await expect(benOutbox.banner()).toContainText('“Shop settings”')
    expect(await savedCollectionVars('Shop')).toEqual([])
    answerMe()
    await ben.page.unrouteAll({ behavior: 'wait' })
    await expect(benOutbox.banner()).toBeHidden()
    await expect.poll(() => savedCollectionVars('Shop')).toEqual(['region=eu'])
    await ben.workspace.showCollections()
    await ben.workspace.rowAction('Shop', 'Settings…')
    await expect(settings.value('region')).toHaveValue('eu')
    await expect(keptNote(ben.page)).toBeHidden()
    await settings.close().click()
  })

  test('kept while Ann changes the same variable: nothing is overwritten, both values are shown, Ben chooses', async () => {
    await ben.context.setOffline(true)
    await benEnvs.open(env)
    await benEnvs.sharedValue('host').fill('mine.example')
    await benEnvs.save().click()
    await expect(keptNote(ben.page)).toBeVisible()
    await benEnvs.close().click()

    const annEnvs = new EnvironmentsPage(ann.page)
    await annEnvs.open(env)
    await annEnvs.sharedValue('host').fill('theirs.example')
    await annEnvs.save().click()
    await expect(annEnvs.save()).toBeDisabled()
    await annEnvs.close().click()

    await ben.context.setOffline(false)
    await expect(benOutbox.banner()).toContainText('changed elsewhere meanwhile: open it to choose what to keep.')
    expect(await savedEnvValue('host')).toBe('theirs.example')
    await benEnvs.open(env)
    await expect(changedElsewhere(ben.page)).toContainText('yours “mine.example”, theirs “theirs.example”')
    await expect(benEnvs.sharedValue('host')).toHaveValue('mine.example')
    await shoot(ben.page, 'team-offline-environment-conflict')
    await changedElsewhere(ben.page).getByRole('button', { name: 'Overwrite with mine' }).click()
    await expect(benOutbox.banner()).toBeHidden()
    await expect(changedElsewhere(ben.page)).toBeHidden()
    expect(await savedEnvValue('host')).toBe('mine.example')
    await benEnvs.close().click()
  })
})
