import type { Page } from '@playwright/test'
import { CaptureApp, callerPage } from '../capture-app.js'
import { expect, test } from '../fixtures.js'
import { CapturePage } from '../pages/capture.page.js'

// The front end under test: its own local port, so its pages have another origin than Courier's.
const frontEnd = new CaptureApp()
test.beforeAll(() => frontEnd.start())
test.afterAll(() => frontEnd.stop())

/** Fills the mount form (opening it when mounts already exist) and waits for the new mount's row. */
async function createMount(capture: CapturePage, name: string, upstream: string, origins: string) {
  if (await capture.newMount().isVisible()) await capture.newMount().click()
  await capture.mountName().fill(name)
  await capture.upstream().fill(upstream)
  await capture.allowedOrigins().fill(origins)
  await capture.createMount().click()
  await expect(capture.mount(name)).toBeVisible()
}

async function shotBoth(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(name)
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot(`${name}-dark`)
  await page.emulateMedia({ colorScheme: 'light' })
}

const users = (names: string[]) => ({
  contentType: 'application/json',
  body: JSON.stringify(names.map((name, index) => ({ id: index + 1, name }))),
})

test('a page on another origin calls an API through a mount; the calls appear live, filter, replay, open in the editor and compare with the previous one', async ({
  app,
  context,
  courier,
  target,
  requestEditor,
  shot,
}) => {
  const capture = new CapturePage(app)
  target.files.set('/shop-e2e/users', users(['Ann']))
  await capture.open().click()
  await expect(capture.region()).toBeVisible()
  await shotBoth(app, shot, 'capture-start')

  // A bad form says what is wrong in words, and creates nothing.
  if (await capture.newMount().isVisible()) await capture.newMount().click()
  await capture.mountName().fill('Shop!')
  await capture.upstream().fill('ftp://nowhere')
  await capture.allowedOrigins().fill('localhost:5173')
  await capture.createMount().click()
  await expect(capture.formProblems()).toContainText('Mount name: lower-case letters')
  await expect(capture.formProblems()).toContainText('Upstream URL: an http:// or https:// address')
  await expect(capture.formProblems()).toContainText('“localhost:5173” is not an origin')
  await shotBoth(app, shot, 'capture-form-problems')
  await capture.mountName().clear()

  await createMount(capture, 'e2e-shop', target.url('/shop-e2e'), `${frontEnd.origin()}\n`)
  const base = `${courier.url}capture/e2e-shop`
  await expect(capture.mountUrl('e2e-shop')).toHaveText(base)
  await expect(capture.copyUrl('e2e-shop')).toBeVisible()
  await expect(capture.stream()).toHaveText('Live')

  frontEnd.serve(
    '/shop.html',
    callerPage('Shop', [
      { label: 'Load users', url: `${base}/users` },
      {
        label: 'Add user',
        url: `${base}/users/new`,
        method: 'POST',
        headers: { 'x-shop-trace': 'e2e-trace-1' },
        json: { name: 'Bea' },
      },
    ]),
  )
  const shop = await context.newPage()
  await shop.goto(frontEnd.url('/shop.html'))
  const result = shop.getByRole('status', { name: 'Result' })

  await shop.getByRole('button', { name: 'Load users' }).click()
  await expect(result).toHaveText('200 [{"id":1,"name":"Ann"}]')
  // It appears in Courier's view as it happens: the view is not reloaded.
  await expect(capture.rows()).toHaveCount(1)
  await expect(capture.rows().first()).toContainText('GET')
  await expect(capture.rows().first()).toContainText('/users')
  await expect(capture.rows().first()).toContainText('200')
  await expect(capture.rows().first()).toContainText('e2e-shop')

  // A JSON POST with a custom header: the browser asks first (preflight), then sends it, header and body intact.
  await shop.getByRole('button', { name: 'Add user' }).click()
  await expect(result).toHaveText(/^200 /)
  const posted = target.received.find((r) => r.method === 'POST' && r.url === '/shop-e2e/users/new')
  expect(posted?.headers['x-shop-trace']).toBe('e2e-trace-1')
  expect(JSON.parse(posted!.body)).toEqual({ name: 'Bea' })
  await expect(capture.rows()).toHaveCount(2)
  await expect(capture.rows().first()).toContainText('POST') // newest first
  await shotBoth(app, shot, 'capture-live')

  // Filters: method, status, path, mount.
  await capture.methodFilter().selectOption('POST')
  await expect(capture.rows()).toHaveCount(1)
  await expect(capture.rows().first()).toContainText('/users/new')
  await capture.methodFilter().selectOption('')
  await capture.statusFilter().fill('4xx')
  await expect(capture.rows()).toHaveCount(0)
  await expect(capture.region().getByText('No captured exchange matches these filters.')).toBeVisible()
  await capture.statusFilter().fill('2xx')
  await expect(capture.rows()).toHaveCount(2)
  await capture.statusFilter().fill('abc')
  await expect(capture.region().getByRole('alert')).toContainText('a code like 404, a class like 4xx, or error')
  await capture.statusFilter().clear()
  await capture.pathFilter().fill('/users/new')
  await expect(capture.rows()).toHaveCount(1)
  await capture.pathFilter().clear()
  await capture.mountFilter().selectOption('e2e-shop')
  await expect(capture.rows()).toHaveCount(2)

  // The API answers differently the second time: Compare with previous says so, in words and a diff.
  target.files.set('/shop-e2e/users', users(['Ann', 'Bea']))
  await shop.getByRole('button', { name: 'Load users' }).click()
  await expect(result).toHaveText('200 [{"id":1,"name":"Ann"},{"id":2,"name":"Bea"}]')
  await expect(capture.rows()).toHaveCount(3)
  await capture.row('GET').first().click()
  await expect(capture.detail()).toBeVisible()
  await expect(capture.captured()).toContainText('Bea')
  await shotBoth(app, shot, 'capture-exchange')
  await capture.action('Compare with previous').click()
  await expect(capture.differences()).toContainText('Status is the same (200).')
  await expect(capture.differences()).toContainText('Body changed')
  await expect(capture.diffEditor()).toBeVisible()
  await shotBoth(app, shot, 'capture-compare')
  await app.keyboard.press('Escape')
  await expect(capture.compareDialog()).toBeHidden()

  // Replay sends the captured request again through the normal send and shows the new answer.
  target.files.set('/shop-e2e/users', users(['Cy'])) // short: Monaco renders only the lines in view
  const before = target.received.length
  await capture.action('Replay').click()
  await expect(capture.replayed()).toContainText('Cy')
  expect(target.received.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /shop-e2e/users'])
  await expect(capture.captured()).not.toContainText('Cy') // the captured answer stays as it was
  await shotBoth(app, shot, 'capture-replay')

  // Open in editor: a new tab with the request.
  await capture.action('Open in editor').click()
  await expect(capture.region()).toBeHidden()
  await expect(requestEditor.url()).toHaveValue(/\/shop-e2e\/users$/)
  await shop.close()
})

test('a page whose origin a mount does not list is refused and nothing reaches the upstream; a paused mount forwards nothing; Delete asks first', async ({
  app,
  context,
  courier,
  target,
  shot,
}) => {
  const capture = new CapturePage(app)
  await capture.open().click()
  await createMount(capture, 'e2e-guarded', target.url('/guarded-e2e'), frontEnd.origin('127.0.0.1'))
  const base = `${courier.url}capture/e2e-guarded`
  frontEnd.serve(
    '/guarded.html',
    callerPage('Guarded', [
      { label: 'Simple GET', url: `${base}/items` },
      { label: 'JSON POST', url: `${base}/items`, method: 'POST', headers: { 'x-guard': '1' }, json: { a: 1 } },
    ]),
  )
  const reached = () => target.received.filter((r) => r.url.startsWith('/guarded-e2e'))

  // http://localhost:PORT is another origin than the allowed http://127.0.0.1:PORT.
  const stranger = await context.newPage()
  await stranger.goto(frontEnd.url('/guarded.html', 'localhost'))
  const result = stranger.getByRole('status', { name: 'Result' })
  await stranger.getByRole('button', { name: 'Simple GET' }).click()
  await expect(result).toHaveText(/^failed: /)
  await stranger.getByRole('button', { name: 'JSON POST' }).click()
  await expect(result).toHaveText(/^failed: /)
  expect(reached()).toEqual([])

  // The allowed origin gets through; once paused, nothing is forwarded.
  const friend = await context.newPage()
  await friend.goto(frontEnd.url('/guarded.html'))
  const friendResult = friend.getByRole('status', { name: 'Result' })
  await friend.getByRole('button', { name: 'Simple GET' }).click()
  await expect(friendResult).toHaveText(/^200 /)
  expect(reached()).toHaveLength(1)
  await capture.mountButton('e2e-guarded', 'Pause').click()
  await expect(capture.mount('e2e-guarded')).toContainText('Paused')
  await shotBoth(app, shot, 'capture-paused')
  await friend.getByRole('button', { name: 'Simple GET' }).click()
  await expect(friendResult).not.toHaveText(/^(calling|200 )/)
  expect(reached()).toHaveLength(1)
  await capture.mountButton('e2e-guarded', 'Resume').click()
  await expect(capture.mount('e2e-guarded')).not.toContainText('Paused')
  // Pause and Resume kept the mount's origins: the allowed page gets through again.
  await expect(capture.mount('e2e-guarded')).toContainText(`Pages allowed: ${frontEnd.origin()}`)
  await friend.getByRole('button', { name: 'Simple GET' }).click()
  await expect(friendResult).toHaveText(/^200 /)
  expect(reached()).toHaveLength(2)

  // Delete asks; Cancel keeps it, Delete removes it.
  await capture.mountButton('e2e-guarded', 'Delete').click()
  await expect(capture.confirmDialog('e2e-guarded')).toBeVisible()
  await shotBoth(app, shot, 'capture-delete-confirm')
  await capture.confirmDialog('e2e-guarded').getByRole('button', { name: 'Cancel' }).click()
  await expect(capture.mount('e2e-guarded')).toBeVisible()
  await capture.mountButton('e2e-guarded', 'Delete').click()
  await capture.confirmDialog('e2e-guarded').getByRole('button', { name: 'Delete' }).click()
  await expect(capture.mount('e2e-guarded')).toHaveCount(0)
  await stranger.close()
  await friend.close()
})
