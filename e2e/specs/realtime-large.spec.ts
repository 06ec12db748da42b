import { expect, test } from '../fixtures.js'
import { RealtimePage } from '../pages/realtime.page.js'
import { WsEchoServer } from '../realtime-targets.js'

const echo = new WsEchoServer()
test.beforeAll(() => echo.start())
test.afterAll(() => echo.stop())

test('100,000 frames stay usable: a window of rows in the DOM, the newest followed, the cap counted', async ({
  app,
  requestEditor,
  shot,
}) => {
  test.setTimeout(120_000)
  const realtime = new RealtimePage(app)
  await requestEditor.url().fill(echo.url('/flood-rt-web'))
  await realtime.connectButton().click()
  await expect(realtime.status()).toContainText('Connected to')
  await realtime.writeMessage('flood:100000')
  await realtime.sendMessageButton().click()
  // The frame cap (Settings › Realtime, 100,000 by default) keeps the first 100,000 frames of the session.
  await expect(realtime.count()).toHaveText('100,000 frames', { timeout: 60_000 })
  // The timeline followed the newest frame, and the DOM holds only a window of rows.
  await expect(realtime.frames().last()).toHaveText(/frame 9999\d$/)
  expect(await realtime.frames().count()).toBeLessThan(120)

  // The page still answers at once: a search over every frame, then back.
  const started = Date.now()
  await realtime.search().fill('FRAME 12345')
  await expect(realtime.frames()).toHaveCount(1)
  expect(Date.now() - started).toBeLessThan(5_000)
  await realtime.search().fill('')
  await shot('realtime-websocket-100k')
  await realtime.disconnectButton().click()
  await expect(realtime.status()).toContainText('Disconnected')
  await expect(realtime.count()).toContainText('frames dropped past the cap')
})

test('the timeline stays where the person scrolled while frames keep coming', async ({ app, requestEditor }) => {
  const realtime = new RealtimePage(app)
  await requestEditor.url().fill(echo.url('/scroll-rt-web'))
  await realtime.connectButton().click()
  await realtime.writeMessage('flood:500')
  await realtime.sendMessageButton().click()
  await expect(realtime.count()).toHaveText('503 frames')
  await expect(realtime.frames().last()).toHaveText(/frame 500$/)
  await realtime.timeline().evaluate((element) => element.scrollTo({ top: 0 }))
  await expect(realtime.frame(/frame 1$/)).toBeVisible()
  await realtime.writeMessage('flood:200')
  await realtime.sendMessageButton().click()
  await expect(realtime.count()).toHaveText('704 frames')
  await expect(realtime.frame(/frame 1$/)).toBeVisible()
  await realtime.disconnectButton().click()
})
