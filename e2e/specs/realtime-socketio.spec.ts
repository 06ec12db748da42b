import { expect, test } from '../fixtures.js'
import { RealtimePage } from '../pages/realtime.page.js'
import { SocketIoTarget } from '../realtime-targets.js'

const target = new SocketIoTarget()
test.beforeAll(() => target.start())
test.afterAll(() => target.stop())

test('a Socket.IO session: listen to news, emit with an acknowledgement', async ({
  app,
  requestEditor,
  workspace,
  shot,
}) => {
  const realtime = new RealtimePage(app)
  // The command palette opens a new request of each realtime kind.
  await app.keyboard.press('Control+k')
  await workspace.paletteInput().fill('new socket.io request')
  await workspace.paletteInput().press('Enter')
  await expect(realtime.kind()).toHaveValue('socketio')
  await requestEditor.url().fill(`${target.url()}/?room=sio-rt-web`)
  await realtime.listenTo().fill('news')
  await realtime.listenTo().blur()
  await realtime.connectButton().click()
  await expect(realtime.status()).toContainText('Connected to')
  await expect(realtime.frame('news').filter({ hasText: 'courier' })).toHaveCount(1)

  await realtime.eventName().fill('echo')
  await realtime.waitForAck().check()
  await realtime.writeMessage('["ping-rt-web", 7]')
  await realtime.sendMessageButton().click()
  await expect(realtime.frame('ack')).toHaveCount(1)
  await expect(realtime.frame('ack')).toContainText('ping-rt-web')

  await realtime.eventName().fill('shout')
  await realtime.waitForAck().uncheck()
  await realtime.writeMessage('["quiet"]')
  await realtime.sendMessageButton().click()
  await expect(realtime.frame(/"shouted":"QUIET"/)).toHaveCount(1)
  await shot('realtime-socketio-live')
  await realtime.disconnectButton().click()
  await expect(realtime.status()).toContainText('Disconnected')
})
