import { expect, test } from '../fixtures.js'
import { RealtimePage } from '../pages/realtime.page.js'
import { GraphqlWsTarget } from '../realtime-targets.js'

const target = new GraphqlWsTarget()
test.beforeAll(() => target.start())
test.afterAll(() => target.stop())

test('a GraphQL subscription document offers Subscribe, and its results show in the timeline', async ({
  app,
  requestEditor,
  shot,
}) => {
  const realtime = new RealtimePage(app)
  await requestEditor.url().fill(target.url())
  await requestEditor.tab('Body').click()
  await requestEditor.bodyType('GraphQL').click()
  await expect(realtime.subscribeButton()).toHaveCount(0)
  await realtime.writeGraphqlQuery('subscription TicksRtWeb { ticks(count: 3) }')
  await realtime.subscribeButton().click()
  await expect(realtime.kind()).toHaveValue('graphql')
  await expect(realtime.frame('"ticks":3')).toHaveCount(1)
  await expect(realtime.frame(/"ticks":\d/)).toHaveCount(3)
  await expect(realtime.status()).toContainText('Disconnected')
  await shot('realtime-graphql-subscription')
})
