import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { CourierServer } from './courier-server.js'
import { HistoryPage } from './pages/history.page.js'
import { RequestEditorPage } from './pages/request-editor.page.js'
import { ResponseViewerPage } from './pages/response-viewer.page.js'
import { TargetServer } from './target-server.js'
import { WorkspacePage } from './pages/workspace.page.js'

type Fixtures = {
  app: Page
  requestEditor: RequestEditorPage
  responseViewer: ResponseViewerPage
  history: HistoryPage
  workspace: WorkspacePage
  /** Saves a named screenshot under test-results/screens/ and attaches it to the report. */
  shot: (name: string) => Promise<void>
}
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>
type WorkerFixtures = { courier: CourierServer; target: TargetServer; signedIn: StorageState }

/** Signs a fresh browser context in through a one-time link, as a person does; answers its cookies. */
export async function signInState(browser: Browser, link: string, courierUrl: string): Promise<StorageState> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(link)
  await page.waitForURL(courierUrl)
  const state = await context.storageState()
  await context.close()
  return state
}

/** Tabs and drafts persist on the server; each test starts from an empty workspace (`request` carries the session cookie). */
export async function resetWorkspace(request: APIRequestContext, courierUrl: string): Promise<void> {
  const html = await (await request.get(courierUrl)).text()
  const token = /name="courier-token" content="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error(`resetWorkspace: ${courierUrl} served no page token; is this context signed in?`)
  await request.put(`${courierUrl}api/workspace`, {
    headers: { 'x-courier-token': token, 'content-type': 'application/json' },
    data: { tabs: [], activeTabId: null, environmentId: null },
  })
}

/** Screenshots of every screen the specs visit, kept apart from Playwright's own (cleaned) output. */
export const screensDir = process.env.COURIER_SCREENS_DIR ?? join(import.meta.dirname, 'screenshots')

/** Loopback, and what the page makes itself (data:, blob:): Monaco and everything else are local. */
export const isLoopbackOrInline = (url: URL) =>
  ['127.0.0.1', 'localhost'].includes(url.hostname) || ['data:', 'blob:'].includes(url.protocol)

/**
 * The `app` fixture: an empty workspace, Courier's page open, and at the end the check that
 * nothing the page loaded left the machine (`isLocal` says what stays on it).
 */
export function openCourier(isLocal: (url: URL) => boolean) {
  return async ({ page, courier }: { page: Page; courier: CourierServer }, use: (page: Page) => Promise<void>) => {
    await resetWorkspace(page.request, courier.url)
    const foreign: string[] = []
    page.on('request', (request) => {
      if (!isLocal(new URL(request.url()))) foreign.push(request.url())
    })
    await page.goto(courier.url)
    await use(page)
    expect(foreign, 'requests that left 127.0.0.1').toEqual([])
  }
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  courier: [
    async ({}, use) => {
      const server = new CourierServer()
      await server.start()
      await use(server)
      await server.dispose()
    },
    { scope: 'worker' },
  ],
  // Each worker's browser signs in once with the link `courier serve` printed; every context reuses the cookie.
  signedIn: [
    async ({ browser, courier }, use) => use(await signInState(browser, courier.loginUrl, courier.url)),
    { scope: 'worker' },
  ],
  storageState: async ({ signedIn }, use) => use(signedIn),
  target: [
    async ({}, use) => {
      const target = new TargetServer()
      await target.start()
      await use(target)
      await target.stop()
    },
    { scope: 'worker' },
  ],
  app: openCourier(isLoopbackOrInline),
  requestEditor: async ({ app }, use) => use(new RequestEditorPage(app)),
  responseViewer: async ({ app }, use) => use(new ResponseViewerPage(app)),
  history: async ({ app }, use) => use(new HistoryPage(app)),
  workspace: async ({ app }, use) => use(new WorkspacePage(app)),
  shot: async ({ page }, use) => {
    mkdirSync(screensDir, { recursive: true })
    await use(async (name: string) => {
      const path = join(screensDir, `${name}.png`)
      await page.screenshot({ path })
      await test.info().attach(name, { path, contentType: 'image/png' })
    })
  },
})

export { expect }
