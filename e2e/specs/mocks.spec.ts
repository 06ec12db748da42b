import type { APIRequestContext, Page } from '@playwright/test'
import { CaptureApp, callerPage } from '../capture-app.js'
import { expect, test } from '../fixtures.js'
import { MocksPage } from '../pages/mocks.page.js'

// The front end that calls the mocks: its own local port, so another origin than Courier's and the mocks'.
const frontEnd = new CaptureApp()
test.beforeAll(() => frontEnd.start())
test.afterAll(() => frontEnd.stop())

async function shotBoth(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(name)
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot(`${name}-dark`)
  await page.emulateMedia({ colorScheme: 'light' })
}

/** The API the page itself uses, with its session cookie and page token. */
async function api(request: APIRequestContext, courierUrl: string) {
  const html = await (await request.get(courierUrl)).text()
  const token = /name="courier-token" content="([^"]+)"/.exec(html)![1]!
  const headers = { 'x-courier-token': token, 'content-type': 'application/json' }
  return async (method: 'GET' | 'POST', path: string, data?: unknown) => {
    const response = await request.fetch(`${courierUrl}${path}`, { method, headers, data })
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true)
    return response.json()
  }
}

const json = [['Content-Type', 'application/json']] as [string, string][]

test('a mock from a collection answers a page on another origin with the chosen example; CORS as configured; overrides change the answer; the call log shows the calls', async ({
  app,
  context,
  courier,
  shot,
}) => {
  const call = await api(app.request, courier.url)
  const collection = await call('POST', 'api/collections', { name: 'Mock e2e pets' })
  await call('POST', 'api/items', {
    kind: 'request',
    collectionId: collection.id,
    parentId: null,
    name: 'List pets',
    request: {
      method: 'GET',
      url: '{{petsBase}}/pets',
      examples: [
        { name: 'Two pets', status: 200, headers: json, body: '[{"name":"Rex"},{"name":"Tom"}]' },
        { name: 'No pets', status: 200, headers: json, body: '[]' },
      ],
    },
  })
  const info = await call('GET', 'api/info')
  expect(info.mockOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(info.mockOrigin).not.toBe(courier.url.replace(/\/$/, ''))

  const mocks = new MocksPage(app)
  await mocks.open().click()
  await expect(mocks.region()).toBeVisible()
  await shotBoth(app, shot, 'mocks-start')
  if (await mocks.newMock().isEnabled()) await mocks.newMock().click()
  await mocks.name().fill('E2E pets mock')
  await mocks.source().selectOption({ label: 'Collection: Mock e2e pets' })
  await mocks.allowedOrigins().fill(frontEnd.origin())
  await shotBoth(app, shot, 'mocks-form')
  await mocks.create().click()

  const name = 'E2E pets mock'
  await expect(mocks.mock(name)).toBeVisible()
  await expect(mocks.url(name)).toHaveText(new RegExp(`^${info.mockOrigin}/mocks/`))
  await expect(mocks.copyUrl(name)).toBeVisible()
  await expect(mocks.routes(name)).toContainText('GET')
  await expect(mocks.routes(name)).toContainText('/pets')
  await expect(mocks.routes(name)).toContainText('List pets')
  await expect(mocks.example(name, 'GET /pets')).toHaveValue('Two pets')
  const mockUrl = (await mocks.url(name).textContent())!

  frontEnd.serve('/pets.html', callerPage('Pets', [{ label: 'Load pets', url: `${mockUrl}/pets` }]))
  const page = await context.newPage()
  await page.goto(frontEnd.url('/pets.html'))
  const result = page.getByRole('status', { name: 'Result' })
  await page.getByRole('button', { name: 'Load pets' }).click()
  await expect(result).toHaveText('200 [{"name":"Rex"},{"name":"Tom"}]')

  // An origin the mock does not list: the mock answers without CORS headers, so the browser blocks the page.
  const stranger = await context.newPage()
  await stranger.goto(frontEnd.url('/pets.html', 'localhost'))
  await stranger.getByRole('button', { name: 'Load pets' }).click()
  await expect(stranger.getByRole('status', { name: 'Result' })).toHaveText(/^failed: /)
  // Once listed, the same page gets the answer.
  await mocks.mock(name).getByText('Allowed origins and delay').click()
  await mocks.settingsOrigins(name).fill(`${frontEnd.origin()}\n${frontEnd.origin('localhost')}`)
  const listed = app.waitForResponse((r) => /\/api\/mocks\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH')
  await mocks.saveOrigins(name).click()
  expect((await listed).ok()).toBe(true)
  await stranger.getByRole('button', { name: 'Load pets' }).click()
  await expect(stranger.getByRole('status', { name: 'Result' })).toHaveText('200 [{"name":"Rex"},{"name":"Tom"}]')
  await stranger.close()

  // Another example, then a status override: the answers follow.
  const saved = () =>
    app.waitForResponse((r) => /\/api\/mocks\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH')
  let patched = saved()
  await mocks.example(name, 'GET /pets').selectOption('No pets')
  expect((await patched).ok()).toBe(true)
  await expect(mocks.example(name, 'GET /pets')).toHaveValue('No pets')
  await page.getByRole('button', { name: 'Load pets' }).click()
  await expect(result).toHaveText('200 []')
  patched = saved()
  await mocks.statusOverride(name, 'GET /pets').fill('418')
  await mocks.statusOverride(name, 'GET /pets').press('Enter')
  expect((await patched).ok()).toBe(true)
  await page.getByRole('button', { name: 'Load pets' }).click()
  await expect(result).toHaveText('418 []')

  // The call log, live: every call, its status, what matched and the calling origin.
  const rows = mocks.callRows(name)
  await expect(rows).toHaveCount(5)
  await expect(rows.first()).toContainText('418')
  await expect(rows.first()).toContainText('GET /pets')
  await expect(rows.first()).toContainText(frontEnd.origin())
  await expect(mocks.calls(name)).toContainText(frontEnd.origin('localhost'))
  await shotBoth(app, shot, 'mocks-calls')
  await mocks.clearLog(name).click()
  await expect(mocks.calls(name)).toContainText('No calls yet')

  // Paused: it no longer answers with an example. Delete asks first.
  await mocks.button(name, 'Pause').click()
  await expect(mocks.mock(name)).toContainText('Paused')
  await page.getByRole('button', { name: 'Load pets' }).click()
  await expect(result).not.toHaveText(/^(calling|418 )/)
  await mocks.button(name, 'Resume').click()
  await expect(mocks.button(name, 'Pause')).toBeVisible()
  // Pausing and resuming kept the mock's origins and choices.
  await expect(mocks.mock(name)).toContainText(`Pages allowed: ${frontEnd.origin()}, ${frontEnd.origin('localhost')}`)
  await page.getByRole('button', { name: 'Load pets' }).click()
  await expect(result).toHaveText('418 []')
  await mocks.button(name, 'Delete').click()
  await expect(mocks.confirmDialog(name)).toBeVisible()
  await shotBoth(app, shot, 'mocks-delete-confirm')
  await mocks.confirmDialog(name).getByRole('button', { name: 'Delete' }).click()
  await expect(mocks.mock(name)).toHaveCount(0)
  await page.close()
})

test('a mock from a pasted OpenAPI document serves its example to any origin when allowed with *', async ({
  app,
  context,
  shot,
}) => {
  const document = JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'E2E widgets', version: '1' },
    paths: {
      '/widgets/{id}': {
        get: {
          operationId: 'getWidget',
          summary: 'Get widget',
          responses: {
            200: {
              description: 'A widget',
              content: { 'application/json': { example: { id: 'w-1', colour: 'teal' } } },
            },
          },
        },
      },
    },
  })
  const mocks = new MocksPage(app)
  await mocks.open().click()
  if (await mocks.newMock().isEnabled()) await mocks.newMock().click()
  await mocks.name().fill('E2E widgets mock')
  await mocks.source().selectOption({ label: 'OpenAPI document (file or paste)…' })
  await mocks.form().getByRole('textbox', { name: 'OpenAPI document' }).fill(document)
  await mocks.allowedOrigins().fill('*')
  await mocks.create().click()
  const name = 'E2E widgets mock'
  await expect(mocks.routes(name)).toContainText('/widgets/{id}')
  await shotBoth(app, shot, 'mocks-openapi')
  const mockUrl = (await mocks.url(name).textContent())!
  frontEnd.serve('/widgets.html', callerPage('Widgets', [{ label: 'Load widget', url: `${mockUrl}/widgets/42` }]))
  const page = await context.newPage()
  await page.goto(frontEnd.url('/widgets.html', 'localhost'))
  await page.getByRole('button', { name: 'Load widget' }).click()
  await expect(page.getByRole('status', { name: 'Result' })).toHaveText(/^200 /)
  await expect(page.getByRole('status', { name: 'Result' })).toContainText(/"colour": ?"teal"/)
  await expect(mocks.callRows(name)).toHaveCount(1)
  await page.close()
})
