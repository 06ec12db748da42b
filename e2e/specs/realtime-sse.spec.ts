import { expect, test } from '../fixtures.js'
import { RealtimePage } from '../pages/realtime.page.js'
import { SseTarget } from '../realtime-targets.js'

const target = new SseTarget()
test.beforeAll(() => target.start())
test.afterAll(() => target.stop())

test('server-sent events appear live as events, Disconnect stops the stream, history reopens them', async ({
  app,
  requestEditor,
  history,
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

  // Kept in history as the event stream itself; reopened, it reads as the same events.
  await app.reload()
  await history.show()
  await history.entry('events-rt-web').first().click()
  await expect(realtime.kind()).toHaveValue('sse')
  await expect(realtime.frame('tick')).toHaveCount(5)
  await expect(realtime.frame('{"n":3}')).toHaveCount(1)
})
