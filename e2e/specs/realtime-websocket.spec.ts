import { expect, test } from '../fixtures.js'
import { RealtimePage } from '../pages/realtime.page.js'
import { TabsPage } from '../pages/tabs.page.js'
import { SettingsPage } from '../pages/settings.page.js'
import { WsEchoServer } from '../realtime-targets.js'

const echo = new WsEchoServer()
test.beforeAll(() => echo.start())
test.afterAll(() => echo.stop())

test('a WebSocket session: connect, text, JSON and binary frames live, a saved message, reopened from history', async ({
  app,
  requestEditor,
  history,
  workspace,
  shot,
}) => {
  const realtime = new RealtimePage(app)
  await shot('realtime-http-kind')
  // Typing a ws:// URL makes the request a WebSocket one.
  await requestEditor.url().fill(echo.url('/echo-rt-web'))
  await expect(realtime.kind()).toHaveValue('websocket')
  await expect(realtime.view()).toBeVisible()
  await expect(realtime.status()).toHaveText('Not connected')
  await shot('realtime-websocket-empty')

  await requestEditor.url().press('Control+Enter')
  await expect(realtime.status()).toContainText(`Connected to ${echo.url('/echo-rt-web')}`)
  await expect(realtime.frame('welcome')).toHaveCount(1)
  await expect(realtime.frame('welcome')).toContainText('Received')
  await realtime.handshakeToggle().click()
  await expect(realtime.handshakeHeaders('Response headers')).toContainText(/upgrade\s*websocket/i)
  await expect(realtime.handshakeHeaders('Request headers')).toContainText(/user-agent/i)
  await realtime.handshakeToggle().click()

  await realtime.writeMessage('hello courier')
  await realtime.sendMessageButton().click()
  await expect(realtime.frame('hello courier')).toHaveCount(2)
  await expect(realtime.frame('hello courier').first()).toContainText('Sent')
  await expect(realtime.frame('hello courier').last()).toContainText('Received')

  await realtime.format().selectOption('json')
  await realtime.writeMessage('{"greeting":"hi","n":1}')
  await app.keyboard.press('Control+Enter') // in the composer: sends
  await expect(realtime.frame('"greeting"')).toHaveCount(2)
  await realtime.frame('"greeting"').last().click()
  await expect(realtime.detail().getByLabel('Pretty JSON')).toHaveText('{\n  "greeting": "hi",\n  "n": 1\n}')

  await realtime.format().selectOption('hex')
  await realtime.writeMessage('48 69 00 ff')
  await realtime.sendMessageButton().click()
  await expect(realtime.frame('48 69 00 ff')).toHaveCount(2)
  await realtime.frame('48 69 00 ff').last().click()
  await expect(realtime.detail()).toContainText('binary')
  await expect(realtime.detail().getByLabel('Hex dump')).toContainText('48 69 00 ff')

  // A half-written message survives a tab switch.
  await workspace.newTab()
  await workspace.tabs().filter({ hasText: 'echo-rt-web' }).click()
  await expect(realtime.composer()).toContainText('48 69 00 ff')

  await realtime.messageName().fill('Binary hello')
  await realtime.saveMessageButton().click()
  await expect(realtime.loadSaved('Binary hello')).toBeVisible()
  await realtime.sendSaved('Binary hello').click()
  await expect(realtime.frame('48 69 00 ff')).toHaveCount(4)

  // A ping frame, answered by the server's pong.
  await realtime.pingButton().click()
  await expect(realtime.timeline().getByRole('option', { name: /^Sent \S+ ping 0 B$/ })).toHaveCount(1)
  await expect(realtime.timeline().getByRole('option', { name: /^Received \S+ pong 0 B$/ })).toHaveCount(1)

  // Filter and search.
  await realtime.directionFilter().selectOption('out')
  await expect(realtime.frames().filter({ hasText: 'Received' })).toHaveCount(0)
  await realtime.directionFilter().selectOption('all')
  await realtime.search().fill('HELLO COURIER')
  await expect(realtime.frames()).toHaveCount(2)
  await expect(realtime.count()).toContainText('2 shown')
  await realtime.search().fill('')
  await shot('realtime-websocket-live')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('realtime-websocket-live-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await realtime.disconnectButton().click()
  await expect(realtime.status()).toContainText('Disconnected')
  await expect(realtime.connectButton()).toBeVisible()

  // A fresh page: the session comes back from history with its frames.
  await app.reload()
  await history.show()
  const entry = history.entry('echo-rt-web').first()
  await expect(entry).toContainText('WS')
  await entry.click()
  await expect(realtime.kind()).toHaveValue('websocket')
  await expect(realtime.frame('hello courier')).toHaveCount(2)
  await expect(realtime.frame('welcome')).toHaveCount(1)
  await shot('realtime-websocket-from-history')
})

test('a WebSocket to a blocked address is refused with the same sentence as HTTP', async ({
  app,
  requestEditor,
  responseViewer,
  courier,
  shot,
}) => {
  const realtime = new RealtimePage(app)
  // Courier's own port is never a destination: the policy refuses it before connecting.
  const blocked = `127.0.0.1:${courier.port}/blocked-rt-web`
  await requestEditor.url().fill(`http://${blocked}`)
  await requestEditor.sendButton().click()
  const httpAlert = responseViewer.alert()
  await expect(httpAlert).toContainText('Courier itself')
  const code = (await realtime.alertCode(httpAlert).textContent())!.trim()
  const sentence = (await realtime.alertSentence(httpAlert).textContent())!.trim()

  await realtime.kind().selectOption('websocket')
  await requestEditor.url().fill(`ws://${blocked}`)
  await realtime.connectButton().click()
  await expect(realtime.alertCode(realtime.alert())).toHaveText(code)
  await expect(realtime.alertSentence(realtime.alert())).toHaveText(sentence)
  await expect(realtime.status()).toHaveText('Could not connect')
  await shot('realtime-websocket-blocked')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('realtime-websocket-blocked-dark')
})

test('when Courier restarts, the open session is closed with a note and Connect opens it again', async ({
  app,
  requestEditor,
  courier,
  shot,
}) => {
  const realtime = new RealtimePage(app)
  await requestEditor.url().fill(echo.url('/restart-rt-web'))
  await realtime.connectButton().click()
  await expect(realtime.frame('welcome')).toHaveCount(1)
  await courier.restart()
  await expect(realtime.status()).toContainText('The connection to Courier was lost')
  await shot('realtime-websocket-lost')
  // The page socket comes back by itself; a new session opens on it.
  await realtime.connectButton().click()
  await expect(realtime.status()).toContainText('Connected to')
  await expect(realtime.frame('welcome')).toHaveCount(1)
  await realtime.disconnectButton().click()
})

test('closing a tab ends its session upstream, and the session is kept in history', async ({ app, history }) => {
  const realtime = new RealtimePage(app)
  const tabs = new TabsPage(app)
  await tabs.openDraft(echo.url('/tab-close-rt-web'))
  await realtime.connectButton().click()
  await expect(realtime.frame('welcome')).toHaveCount(1)
  await tabs.closeButton(/^Close WS \/tab-close-rt-web/).click()
  if (await tabs.unsaved().isVisible()) await tabs.unsavedButton('Don’t save').click()
  await expect.poll(() => echo.closed).toContain('/tab-close-rt-web')
  await history.show()
  await expect(history.entry('tab-close-rt-web').first()).toContainText('WS')
})

test('Settings › Realtime keeps the frame cap and preview size', async ({ app, shot }) => {
  const settings = new SettingsPage(app)
  await settings.open()
  const cap = settings.dialog().getByRole('spinbutton', { name: 'Frames kept per session' })
  await expect(cap).toHaveValue('100000')
  await expect(settings.dialog().getByRole('spinbutton', { name: 'Frame preview size' })).toHaveValue('1024')
  await settings.dialog().getByRole('heading', { name: 'Realtime' }).scrollIntoViewIfNeeded()
  await shot('realtime-settings')
  await settings.close().click()
})
