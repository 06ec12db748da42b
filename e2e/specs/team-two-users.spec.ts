import { join } from 'node:path'
import { expect, test, type APIResponse, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { screensDir } from '../fixtures.js'
import { CollectionSettingsPage } from '../pages/collection-settings.page.js'
import { EnvironmentsPage } from '../pages/environments.page.js'
import { LivePage } from '../pages/live.page.js'
import { RequestEditorPage } from '../pages/request-editor.page.js'
import { ResponseViewerPage } from '../pages/response-viewer.page.js'
import { TeamSignInPage } from '../pages/team-sign-in.page.js'
import { TeamPage } from '../pages/team.page.js'
import { VersionsPage } from '../pages/versions.page.js'
import { WorkspacePage } from '../pages/workspace.page.js'
import { TargetServer } from '../target-server.js'
import { teamDatabaseUrl, TeamServer } from '../team-server.js'

const PASSWORD = 'a long enough password'
const SECRET = 'team-secret-7f3a91'
const TEAM = 'Team'

/** One person in their own browser context, signed in to the team server. */
type Person = {
  context: BrowserContext
  page: Page
  team: TeamPage
  workspace: WorkspacePage
  editor: RequestEditorPage
  response: ResponseViewerPage
  live: LivePage
  versions: VersionsPage
}

const shoot = async (page: Page, name: string, dark = false) => {
  await page.screenshot({ path: join(screensDir, `${name}.png`) })
  if (!dark) return
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: join(screensDir, `${name}-dark.png`) })
  await page.emulateMedia({ colorScheme: 'light' })
}

/** `courier users add`, the printed link, a chosen password, then the sign-in page: as a person does it. */
async function signUp(browser: Browser, server: TeamServer, email: string, name: string, ...flags: string[]) {
  const { link } = await server.addUser(email, '--name', name, ...flags)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const signIn = new TeamSignInPage(page)
  await page.goto(link)
  await signIn.choosePassword(PASSWORD)
  await expect(page).toHaveURL(`${server.url}sign-in?done=password`)
  await signIn.signIn(email, PASSWORD)
  await expect(page).toHaveURL(server.url)
  await expect(signIn.signedInAs(name)).toBeVisible()
  const person: Person = {
    context,
    page,
    team: new TeamPage(page),
    workspace: new WorkspacePage(page),
    editor: new RequestEditorPage(page),
    response: new ResponseViewerPage(page),
    live: new LivePage(page),
    versions: new VersionsPage(page),
  }
  return person
}

/** Opens an invitation link signed in: the page joins the workspace and starts over in it. */
async function accept(person: Person, link: string) {
  await person.page.goto(link)
  await expect(person.team.switcher().locator('option:checked')).toHaveText(TEAM)
}

/** The saved URL of the request `name` in the Team workspace, as the server has it (read with `person`'s session). */
async function savedUrl(person: Person, server: TeamServer, teamId: string, name: string) {
  const response = await person.page.request.get(`${server.url}api/collections`, {
    headers: { 'x-courier-workspace': teamId },
  })
  expect(response.ok()).toBe(true)
  const collections = (await response.json()) as { items: { name: string; request?: { url: string } }[] }[]
  const item = collections.flatMap((c) => c.items).find((i) => i.name === name)
  return item?.request?.url
}

const apiError = async (response: APIResponse) =>
  ((await response.json()) as { error?: { code: string; message: string } }).error

test.describe.serial('two people in one team workspace', () => {
  test.skip(!teamDatabaseUrl, 'the team server needs PostgreSQL: set TEST_DATABASE_URL (.ci/run does)')
  test.setTimeout(120_000)
  let server: TeamServer
  let target: TargetServer
  let ann: Person
  let ben: Person
  let cat: Person
  let teamId = ''
  const collection = 'Shop'
  const request = 'List orders'

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000)
    target = new TargetServer()
    await target.start()
    target.files.set('/orders', { contentType: 'application/json', body: '{"orders":[]}' })
    server = new TeamServer()
    await server.start({ allowTargets: '127.0.0.1' })
    ann = await signUp(browser, server, 'ann@example.com', 'Ann', '--owner')
    ben = await signUp(browser, server, 'ben@example.com', 'Ben')
    cat = await signUp(browser, server, 'cat@example.com', 'Cat')

    await ann.team.switchTo(TEAM)
    const me = (await (await ann.page.request.get(`${server.url}api/me`)).json()) as {
      workspaces: { id: string; name: string }[]
    }
    teamId = me.workspaces.find((w) => w.name === TEAM)!.id
    const forBen = await ann.team.invite(TEAM, 'editor')
    await shoot(ann.page, 'team-members-invite', true)
    await ann.team.closeMembers(TEAM).click()
    await accept(ben, forBen)
    // Opened again, the dialog does not offer the link Ben has just used up.
    await ann.team.membersButton().click()
    await expect(ann.team.membersDialog(TEAM)).toBeVisible()
    await expect(ann.team.invitationLink(TEAM)).toHaveCount(0)
    await ann.team.closeMembers(TEAM).click()
    const forCat = await ann.team.invite(TEAM, 'viewer')
    await ann.team.closeMembers(TEAM).click()
    await accept(cat, forCat)

    await ann.team.membersButton().click()
    await expect(ann.team.memberRow(TEAM, 'Ben').getByRole('combobox', { name: 'Role of Ben' })).toHaveValue('editor')
    await expect(ann.team.memberRow(TEAM, 'Cat').getByRole('combobox', { name: 'Role of Cat' })).toHaveValue('viewer')
    await shoot(ann.page, 'team-members')
    await ann.team.closeMembers(TEAM).click()
  })

  test.afterAll(async () => {
    for (const person of [ann, ben, cat]) await person?.context.close()
    await server?.dispose()
    await target?.stop()
  })

  test('a collection and request Ann saves appear on Ben’s page live, and his open tab follows her edit', async () => {
    await ben.workspace.showCollections()
    await ann.workspace.showCollections()
    await ann.workspace.newCollection(collection)
    await expect(ben.workspace.row(collection)).toBeVisible({ timeout: 5000 })
    await ann.workspace.rowAction(collection, 'New request')
    await ann.workspace.renameAndWait(request)
    await ann.editor.url().fill(target.url('/orders'))
    await ann.page.keyboard.press('Control+s')
    await expect(ann.workspace.tabs().filter({ hasText: request })).not.toContainText('●')

    // A collection that arrives from elsewhere shows closed; Ben opens it.
    await ben.workspace.row(collection).click()
    await expect(ben.workspace.row(`GET ${request}`)).toBeVisible({ timeout: 5000 })
    await ben.workspace.row(`GET ${request}`).click()
    await expect(ben.editor.url()).toHaveValue(target.url('/orders'))

    await ann.editor.url().fill(target.url('/orders?page=2'))
    await ann.page.keyboard.press('Control+s')
    await expect(ben.editor.url()).toHaveValue(target.url('/orders?page=2'), { timeout: 5000 })
    await expect(ben.live.changedNote()).toHaveCount(0)
    await shoot(ben.page, 'team-ben-follows', true)
  })

  test('both change the URL: Ben’s save shows the conflict with base, theirs and mine, and saves his pick', async () => {
    const label = 'URL and query params'
    const base = target.url('/orders?page=2')
    const theirs = target.url('/orders?page=3')
    const mine = target.url('/orders?status=open')
    await ben.editor.url().fill(mine)
    await ann.editor.url().fill(theirs)
    await ann.page.keyboard.press('Control+s')
    await expect(ann.workspace.tabs().filter({ hasText: request })).not.toContainText('●')
    // Ben has edits of his own: they stay, and his tab says someone else changed it.
    await expect(ben.live.changedNote()).toContainText('Changed by Ann', { timeout: 5000 })
    await expect(ben.editor.url()).toHaveValue(mine)
    await shoot(ben.page, 'team-ben-changed-by-ann')

    await ben.page.keyboard.press('Control+s')
    await expect(ben.versions.conflictDialog()).toBeVisible()
    await expect(ben.versions.conflictValue(label, 'before')).toHaveText(base)
    await expect(ben.versions.conflictValue(label, 'theirs')).toHaveText(theirs)
    await expect(ben.versions.conflictValue(label, 'mine')).toHaveText(mine)
    // The dialog names who changed it, as the live note does, not by their account id.
    await expect(ben.versions.conflictDialog()).toContainText(`“${request}” was changed by Ann since you opened it.`)
    await expect(ben.versions.conflictGroup(label)).toContainText('Theirs — Ann,')
    await shoot(ben.page, 'team-conflict', true)
    await ben.versions.keepMine(label).check()
    await ben.versions.saveResolved().click()
    await expect(ben.versions.conflictDialog()).toBeHidden()
    await expect(ben.workspace.tabs().filter({ hasText: request })).not.toContainText('●')

    expect(await savedUrl(ann, server, teamId, request)).toBe(mine)
    await expect(ann.editor.url()).toHaveValue(mine, { timeout: 5000 })

    // The request's History says who saved each version: Ben's pick is the newest, Ann's before it.
    await ben.workspace.rowAction(`GET ${request}`, 'History…')
    await expect(ben.versions.versionEntries(request).first()).toContainText('you ·')
    await expect(ben.versions.versionEntries(request).nth(1)).toContainText('Ann ·')
    await shoot(ben.page, 'team-history')
    await ben.page.keyboard.press('Escape')
    await expect(ben.versions.historyDialog(request)).toBeHidden()
  })

  test('Cat, a viewer, is told she cannot save, nothing changes for Ann, and she can still send', async () => {
    const before = target.url('/orders?status=open')
    await cat.workspace.showCollections()
    await cat.workspace.row(collection).click()
    await cat.workspace.row(`GET ${request}`).click()
    await expect(cat.editor.url()).toHaveValue(before)
    await cat.editor.url().fill(target.url('/orders?viewer=1'))
    await cat.page.keyboard.press('Control+s')
    const refusal = cat.page.getByRole('alert').filter({ hasText: 'Viewers can send requests' })
    await expect(refusal).toContainText(
      'Viewers can send requests and read this workspace, but not change it; ask an owner or admin for the editor role.',
    )
    // A refusal does not clear up on retry: the notice does not tell her to try again.
    await expect(refusal).not.toContainText('Try again')
    await shoot(cat.page, 'team-viewer-cannot-save', true)
    expect(await savedUrl(ann, server, teamId, request)).toBe(before)
    await expect(ann.editor.url()).toHaveValue(before)

    const sent = target.received.length
    await cat.editor.send()
    await expect(cat.response.status()).toHaveText('200 OK')
    expect(target.received.slice(sent).map((r) => r.url)).toEqual(['/orders?viewer=1'])
    await shoot(cat.page, 'team-viewer-sends')
  })

  test('Dan, signed in but not a member, gets 404 for the Team workspace, as for a made-up one', async ({
    browser,
  }) => {
    const dan = await signUp(browser, server, 'dan@example.com', 'Dan')
    const call = (workspaceId: string) =>
      dan.page.request.get(`${server.url}api/collections`, { headers: { 'x-courier-workspace': workspaceId } })
    const team = await call(teamId)
    const madeUp = await call('0192f0c0-0000-7000-8000-000000000000')
    expect(team.status()).toBe(404)
    expect(madeUp.status()).toBe(404)
    expect(await apiError(team)).toEqual({
      code: 'NOT_FOUND',
      message: 'That workspace does not exist, or you are not a member of it.',
    })
    expect(await team.json()).toEqual(await madeUp.json())
    // His own page offers no Team workspace.
    await expect(dan.team.switcher().getByRole('option', { name: TEAM, exact: true })).toHaveCount(0)
    await dan.context.close()
  })

  test('a secret in a Team environment is hidden from Ben, yet his send carries its real value', async () => {
    const env = 'Team staging'
    await ann.workspace.createEnvironment(env, [['token', SECRET]], ['token'])

    const environments = new EnvironmentsPage(ben.page)
    await expect(ben.workspace.environment().getByRole('option', { name: env })).toHaveCount(1, { timeout: 5000 })
    await environments.open(env)
    await expect(environments.sharedValue('token')).toHaveValue('')
    await expect(environments.sharedValue('token')).toHaveAttribute('placeholder', 'hidden')
    await expect(environments.dialog()).toContainText('hidden — only owners and admins can see this value')
    await expect(environments.dialog()).not.toContainText(SECRET)
    await shoot(ben.page, 'team-ben-secret-hidden', true)
    await environments.close().click()

    await ben.workspace.environment().selectOption({ label: env })
    await ben.workspace.newTab()
    await ben.editor.url().fill(target.url('/orders?secret=1'))
    await ben.editor.tab('Headers').click()
    await ben.editor.keysIn('Headers').first().fill('Authorization')
    await ben.editor.valueFieldsIn('Headers').first().fill('Bearer {{token}}')
    const sent = target.received.length
    await ben.editor.send()
    await expect(ben.response.status()).toHaveText('200 OK')
    const received = target.received.slice(sent)
    expect(received).toHaveLength(1)
    expect(received[0]!.headers.authorization).toBe(`Bearer ${SECRET}`)

    await ben.response.tab('Request').click()
    await expect(ben.response.region()).toContainText('Bearer {{token}}')
    await expect(ben.page.locator('body')).not.toContainText(SECRET)
    await shoot(ben.page, 'team-ben-sent-secret', true)
  })

  test('a secret collection variable Ann sets is hidden from Ben; his save of other variables keeps it', async () => {
    const vault = `Vault ${Math.random().toString(36).slice(2, 6)}`
    const annSettings = new CollectionSettingsPage(ann.page)
    const benSettings = new CollectionSettingsPage(ben.page)
    await ann.workspace.newCollection(vault)
    await ann.workspace.rowAction(vault, 'Settings…')
    await annSettings.addVariable('vaultKey', SECRET, true)
    // Saving closes the dialog.
    await annSettings.save().click()
    await expect(annSettings.dialog()).toBeHidden()

    await expect(ben.workspace.row(vault)).toBeVisible({ timeout: 5000 })
    await ben.workspace.rowAction(vault, 'Settings…')
    await expect(benSettings.value('vaultKey')).toHaveValue('')
    await expect(benSettings.value('vaultKey')).toHaveAttribute('placeholder', 'hidden')
    await expect(benSettings.secret('vaultKey')).toBeDisabled()
    await expect(benSettings.dialog()).not.toContainText(SECRET)
    await benSettings.addVariable('page', '2')
    await shoot(ben.page, 'team-ben-collection-secret-hidden', true)
    await benSettings.save().click()
    await expect(benSettings.dialog()).toBeHidden()

    // Ann still reads her secret, and sees Ben's new variable.
    await ann.workspace.rowAction(vault, 'Settings…')
    await expect(annSettings.value('page')).toHaveValue('2', { timeout: 5000 })
    await expect(annSettings.value('vaultKey')).toHaveValue(SECRET)
    await annSettings.close().click()
  })
})
