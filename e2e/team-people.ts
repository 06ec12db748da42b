import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { LivePage } from './pages/live.page.js'
import { RequestEditorPage } from './pages/request-editor.page.js'
import { TeamSignInPage } from './pages/team-sign-in.page.js'
import { TeamPage } from './pages/team.page.js'
import { VersionsPage } from './pages/versions.page.js'
import { WorkspacePage } from './pages/workspace.page.js'
import type { TeamServer } from './team-server.js'

export const PASSWORD = 'a long enough password'
export const TEAM = 'Team'

/** One person in their own browser context, signed in to a team server. */
export type Person = {
  context: BrowserContext
  page: Page
  signIn: TeamSignInPage
  team: TeamPage
  workspace: WorkspacePage
  editor: RequestEditorPage
  live: LivePage
  versions: VersionsPage
}

function person(context: BrowserContext, page: Page): Person {
  return {
    context,
    page,
    signIn: new TeamSignInPage(page),
    team: new TeamPage(page),
    workspace: new WorkspacePage(page),
    editor: new RequestEditorPage(page),
    live: new LivePage(page),
    versions: new VersionsPage(page),
  }
}

/** `courier users add`, the printed link, a chosen password; then signed in at `at` (another instance of the same server, say). */
export async function signUp(
  browser: Browser,
  server: TeamServer,
  email: string,
  name: string,
  flags: string[] = [],
  at: TeamServer = server,
): Promise<Person> {
  const { link } = await server.addUser(email, '--name', name, ...flags)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const signIn = new TeamSignInPage(page)
  await page.goto(link)
  await signIn.choosePassword(PASSWORD)
  await expect(page).toHaveURL(`${server.url}sign-in?done=password`)
  if (at !== server) await page.goto(`${at.url}sign-in`)
  await signIn.signIn(email, PASSWORD)
  await expect(page).toHaveURL(at.url)
  await expect(signIn.signedInAs(name)).toBeVisible()
  return person(context, page)
}

/** Ann (owner) invites `who` to the Team workspace as an editor; the invitation is opened signed in. */
export async function joinTeam(owner: Person, who: Person, at: TeamServer) {
  await owner.team.switchTo(TEAM)
  const link = await owner.team.invite(TEAM, 'editor')
  await owner.team.closeMembers(TEAM).click()
  const path = new URL(link).pathname + new URL(link).search
  await who.page.goto(new URL(path, at.url).toString())
  await expect(who.team.switcher().locator('option:checked')).toHaveText(TEAM)
}

/** The Team workspace's id, as `/api/me` answers it. */
export async function teamId(who: Person, server: TeamServer): Promise<string> {
  const me = (await (await who.page.request.get(`${server.url}api/me`)).json()) as {
    workspaces: { id: string; name: string }[]
  }
  return me.workspaces.find((w) => w.name === TEAM)!.id
}

/** The saved URL of the request `name`, as the server has it (read with `who`'s session). */
export async function savedUrl(who: Person, server: TeamServer, workspaceId: string, name: string) {
  const response = await who.page.request.get(`${server.url}api/collections`, {
    headers: { 'x-courier-workspace': workspaceId },
  })
  expect(response.ok()).toBe(true)
  const collections = (await response.json()) as { items: { name: string; request?: { url: string } }[] }[]
  return collections.flatMap((c) => c.items).find((i) => i.name === name)?.request?.url
}
