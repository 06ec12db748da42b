import { expect, test } from '@playwright/test'
import { join } from 'node:path'
import { screensDir } from '../fixtures.js'
import { OutboxPage } from '../pages/outbox.page.js'
import { TeamSignInPage } from '../pages/team-sign-in.page.js'
import { joinTeam, PASSWORD, savedUrl, signUp, teamId, TEAM, type Person } from '../team-people.js'
import { teamDatabaseUrl, TeamServer } from '../team-server.js'

const shoot = async (who: Person, name: string) => {
  await who.page.screenshot({ path: join(screensDir, `${name}.png`) })
  await who.page.emulateMedia({ colorScheme: 'dark' })
  await who.page.screenshot({ path: join(screensDir, `${name}-dark.png`) })
  await who.page.emulateMedia({ colorScheme: 'light' })
}

const URL_FIELD = 'URL and query params'

test.describe.serial('saves kept in the browser while offline or signed out', () => {
  test.skip(!teamDatabaseUrl, 'the team server needs PostgreSQL: set TEST_DATABASE_URL (.ci/run does)')
  test.setTimeout(120_000)
  let server: TeamServer
  let ann: Person
  let ben: Person
  let benOutbox: OutboxPage
  let team = ''
  const request = 'List orders'
  const at = (path: string) => `https://api.example.com${path}`

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000)
    server = new TeamServer()
    await server.start()
    ann = await signUp(browser, server, 'ann@example.com', 'Ann', ['--owner'])
    ben = await signUp(browser, server, 'ben@example.com', 'Ben')
    benOutbox = new OutboxPage(ben.page)
    await joinTeam(ann, ben, server)
    team = await teamId(ann, server)

    await ann.workspace.showCollections()
    await ben.workspace.showCollections()
    await ann.workspace.newCollection('Shop')
    await ann.workspace.rowAction('Shop', 'New request')
    await ann.workspace.renameAndWait(request)
    await ann.editor.url().fill(at('/orders'))
    await ann.page.keyboard.press('Control+s')
    await expect(ann.workspace.tabs().filter({ hasText: request })).not.toContainText('●')
    await ben.workspace.row('Shop').click()
    await ben.workspace.row(`GET ${request}`).click()
    await expect(ben.editor.url()).toHaveValue(at('/orders'))
  })

  test.afterAll(async () => {
    for (const who of [ann, ben]) await who?.context.close()
    await server?.dispose()
  })

  test('offline: the save is kept and said, stays in the editor, and is saved once the network is back', async () => {
    await ben.context.setOffline(true)
    await ben.editor.url().fill(at('/orders?offline=1'))
    await ben.page.keyboard.press('Control+s')
    await expect(benOutbox.banner()).toContainText(
      '1 change is not saved yet — kept in this browser, it will be saved when you are back online.',
    )
    await expect(benOutbox.banner()).toContainText(`Waiting: “${request}”.`)
    await expect(ben.workspace.tabs().filter({ hasText: request })).toContainText('●')
    await expect(ben.editor.url()).toHaveValue(at('/orders?offline=1'))
    // Nothing reached the server.
    expect(await savedUrl(ann, server, team, request)).toBe(at('/orders'))
    await shoot(ben, 'team-offline-kept')

    await ben.context.setOffline(false)
    await expect(benOutbox.banner()).toBeHidden()
    await expect(ben.workspace.tabs().filter({ hasText: request })).not.toContainText('●')
    expect(await savedUrl(ann, server, team, request)).toBe(at('/orders?offline=1'))
    // The other browser sees it, live.
    await expect(ann.editor.url()).toHaveValue(at('/orders?offline=1'), { timeout: 5000 })
  })

  test('signed out in another tab: the save is kept, and replayed after signing in again in this tab', async () => {
    const other = await ben.context.newPage()
    await other.goto(server.url)
    await new TeamSignInPage(other).signOutButton().click()
    await expect(other).toHaveURL(`${server.url}sign-in`)
    await other.close()

    await ben.editor.url().fill(at('/orders?signed-out=1'))
    await ben.page.keyboard.press('Control+s')
    await expect(benOutbox.banner()).toContainText(
      '1 change is not saved yet — kept in this browser, it will be saved after you sign in again.',
    )
    await expect(ben.editor.url()).toHaveValue(at('/orders?signed-out=1'))
    await shoot(ben, 'team-signed-out-kept')
    expect(await savedUrl(ann, server, team, request)).toBe(at('/orders?offline=1'))
    // A draft never saved, typed while signed out, in a tab of its own: the sign-in must not lose it either.
    // No save of the open tabs answers before the page goes (held here, as when leaving at once after
    // typing): only knowing that this page's other requests were refused keeps the draft.
    await ben.page.route('**/api/workspace', (route) =>
      route.request().method() === 'PUT' ? new Promise<void>(() => {}) : route.continue(),
    )
    await ben.workspace.newTab()
    await ben.editor.url().fill(at('/draft-while-signed-out'))
    await expect(ben.workspace.tabs()).toHaveCount(2)
    await ben.workspace.tabs().filter({ hasText: request }).click()

    await benOutbox.signInAgain().click()
    await expect(ben.page).toHaveURL(`${server.url}sign-in`)
    await ben.page.unrouteAll({ behavior: 'ignoreErrors' })
    await ben.signIn.signIn('ben@example.com', PASSWORD)
    await expect(ben.page).toHaveURL(server.url)
    await expect(ben.team.switcher().locator('option:checked')).toHaveText(TEAM)
    await expect(ben.editor.url()).toHaveValue(at('/orders?signed-out=1'))
    await expect(benOutbox.banner()).toBeHidden()
    await expect(ben.workspace.tabs().filter({ hasText: request })).not.toContainText('●')
    expect(await savedUrl(ann, server, team, request)).toBe(at('/orders?signed-out=1'))
    await expect(ann.editor.url()).toHaveValue(at('/orders?signed-out=1'), { timeout: 5000 })
    await ben.workspace.tabs().filter({ hasText: 'draft-while-signed-out' }).click()
    await expect(ben.editor.url()).toHaveValue(at('/draft-while-signed-out'))
    await ben.workspace.tabs().filter({ hasText: request }).click()
  })

  test('kept while Ann changes the same field: the replay opens the conflict dialog with base, theirs and mine', async () => {
    const base = at('/orders?signed-out=1')
    const mine = at('/orders?mine=1')
    const theirs = at('/orders?theirs=1')
    await ben.context.setOffline(true)
    await ben.editor.url().fill(mine)
    await ben.page.keyboard.press('Control+s')
    await expect(benOutbox.banner()).toContainText('1 change is not saved yet')

    await ann.editor.url().fill(theirs)
    await ann.page.keyboard.press('Control+s')
    await expect(ann.workspace.tabs().filter({ hasText: request })).not.toContainText('●')

    await ben.context.setOffline(false)
    await expect(ben.versions.conflictDialog()).toBeVisible()
    await expect(ben.versions.conflictValue(URL_FIELD, 'before')).toHaveText(base)
    await expect(ben.versions.conflictValue(URL_FIELD, 'theirs')).toHaveText(theirs)
    await expect(ben.versions.conflictValue(URL_FIELD, 'mine')).toHaveText(mine)
    await expect(benOutbox.banner()).toBeHidden()
    // Nothing was overwritten while the dialog is open.
    expect(await savedUrl(ann, server, team, request)).toBe(theirs)
    await ben.page.screenshot({ path: join(screensDir, 'team-offline-conflict.png') })

    await ben.versions.keepMine(URL_FIELD).check()
    await ben.versions.saveResolved().click()
    await expect(ben.versions.conflictDialog()).toBeHidden()
    expect(await savedUrl(ann, server, team, request)).toBe(mine)
    await expect(ann.editor.url()).toHaveValue(mine, { timeout: 5000 })
  })

  test('two saves kept while offline are both replayed, in order, once back online', async () => {
    const second = 'Get order'
    await ann.workspace.rowAction('Shop', 'New request')
    await ann.workspace.renameAndWait(second)
    await ann.editor.url().fill(at('/orders/1'))
    await ann.page.keyboard.press('Control+s')
    await expect(ann.workspace.tabs().filter({ hasText: second })).not.toContainText('●')
    await ben.workspace.row(`GET ${second}`).click()
    await expect(ben.editor.url()).toHaveValue(at('/orders/1'))

    await ben.context.setOffline(true)
    await ben.workspace.tabs().filter({ hasText: request }).click()
    await ben.editor.url().fill(at('/orders?first=1'))
    await ben.page.keyboard.press('Control+s')
    await ben.workspace.tabs().filter({ hasText: second }).click()
    await ben.editor.url().fill(at('/orders/1?second=1'))
    await ben.page.keyboard.press('Control+s')
    await expect(benOutbox.banner()).toContainText(
      '2 changes are not saved yet — kept in this browser, they will be saved when you are back online.',
    )
    await expect(benOutbox.banner()).toContainText(`Waiting: “${request}”, “${second}”.`)

    await ben.context.setOffline(false)
    await expect(benOutbox.banner()).toBeHidden()
    await expect(ben.workspace.tabs().filter({ hasText: second })).not.toContainText('●')
    await expect(ben.workspace.tabs().filter({ hasText: request })).not.toContainText('●')
    expect(await savedUrl(ann, server, team, request)).toBe(at('/orders?first=1'))
    expect(await savedUrl(ann, server, team, second)).toBe(at('/orders/1?second=1'))
  })
})
