import { expect, test } from '../fixtures.js'
import { CapturePage } from '../pages/capture.page.js'
test('scratch', async ({ app, shot, courier, target }) => {
  const html = await (await app.request.get(courier.url)).text()
  const token = /name="courier-token" content="([^"]+)"/.exec(html)![1]!
  const send = async (url: string, method = 'GET') => {
    const r = await app.request.post(`${courier.url}api/send`, {
      headers: { 'x-courier-token': token, 'content-type': 'application/json' },
      data: { request: { method, url } },
    })
    expect(r.ok()).toBe(true)
  }
  target.files.set('/x/users', { contentType: 'application/json', body: '[{"id":1,"name":"Ann"}]' })
  await send(target.url('/x/users'))
  await send(target.url('/status/404'))
  await send(target.url('/x/orders'), 'POST')
  for (let i = 0; i < 60; i++) await send(target.url(`/x/items/${i}`))
  target.files.set('/x/users', {
    contentType: 'application/json',
    body: '[{"id":1,"name":"Ann"},{"id":2,"name":"Bea"}]',
  })
  await send(target.url('/x/users'))
  const capture = new CapturePage(app)
  await capture.open().click()
  await capture.mountName().fill('scratch-c')
  await capture.upstream().fill('http://127.0.0.1:9/api')
  await capture.createMount().click()
  await expect(capture.rows().first()).toBeVisible()
  await shot('scratch-capture-table')
  await capture.row('/x/users').first().click()
  await expect(capture.captured()).toContainText('Bea')
  await shot('scratch-capture-detail')
  await capture.action('Compare with previous').click()
  await expect(capture.diffEditor()).toBeVisible()
  await app.waitForTimeout(800)
  await shot('scratch-capture-compare')
  await app.keyboard.press('Escape')
  target.files.set('/x/users', { contentType: 'application/json', body: '[{"id":3,"name":"Cy"}]' })
  await capture.action('Replay').click()
  await expect(capture.replayed()).toContainText('Cy')
  await shot('scratch-capture-replay')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('scratch-capture-replay-dark')
  await capture.table().focus()
  await app.keyboard.press('ArrowDown')
  await shot('scratch-capture-keyboard-dark')
  await capture.action('Save to collection').click()
  await shot('scratch-capture-save-dark')
})
