import { expect, test } from '../fixtures.js'
import { RealtimePage } from '../pages/realtime.page.js'
import { SseTarget } from '../realtime-targets.js'

const target = new SseTarget()
test.beforeAll(() => target.start())
test.afterAll(() => target.stop())

test('server-sent events appear live as events, and Disconnect stops the stream', async ({
  app,
  requestEditor,
  shot,
}) => {
  const realtime = new RealtimePage(app)
  await realtime.kind().selectOption('sse')
  await requestEditor.url().fill(target.url('/events-rt-web?count=5&every=40'))
  await realtime.connectButton().click()
  await expect(realtime.frame('tick')).toHaveCount(5)
  await realtime.frame('{"n":5}').click()
  await expect(realtime.detail()).toContainText('Id')
  await expect(realtime.detail().getByLabel('Pretty JSON')).toHaveText('{\n  "n": 5\n}')
  await shot('realtime-sse-live')
  await realtime.disconnectButton().click()
  await expect(realtime.connectButton()).toBeVisible()
  await expect(realtime.frame('tick')).toHaveCount(5)
})
