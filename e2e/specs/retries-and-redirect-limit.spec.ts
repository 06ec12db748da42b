import { randomUUID } from 'node:crypto'
import { expect, test as base } from '../fixtures.js'
import { RetryTarget } from '../retry-target.js'

/** Issue 12, items 6 and 7: retries are visible; the too-many-redirects view is one accurate chain. */
const test = base.extend<object, { retryTarget: RetryTarget }>({
  retryTarget: [
    async ({}, use) => {
      const target = new RetryTarget()
      await target.start()
      await use(target)
      await target.stop()
    },
    { scope: 'worker' },
  ],
})

// Tall enough that the attempts, the Timing rows and the chain fit beside the request's Settings tab.
test.use({ viewport: { width: 1360, height: 1200 } })

test('a 503-twice-then-200 send shows its three attempts, each wait, and the count in the status line', async ({
  app,
  requestEditor,
  responseViewer,
  retryTarget,
  shot,
}) => {
  await requestEditor.url().fill(retryTarget.url(`/flaky/${randomUUID()}`))
  await requestEditor.openTab('Settings')
  await requestEditor.settingNumber('Attempts').fill('3')
  await requestEditor.send()

  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.attemptsCount()).toHaveText('3 attempts')
  const rows = responseViewer.attemptRows()
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toContainText('Attempt 1')
  await expect(rows.nth(0)).toContainText('503 Service Unavailable')
  await expect(rows.nth(0)).toContainText('retried after 1.0 s (Retry-After)')
  await expect(rows.nth(1)).toContainText('503 Service Unavailable')
  await expect(rows.nth(2)).toContainText('Attempt 3')
  await expect(rows.nth(2)).toContainText('200 OK')
  await expect(responseViewer.region()).not.toContainText('Retry after now')
  await shot('retry-response')

  await responseViewer.tab('Timing').click()
  const waterfall = responseViewer.waterfall()
  await expect(waterfall).toContainText('Attempt 1 · GET')
  await expect(waterfall).toContainText('Attempt 2 · GET')
  await expect(waterfall).toContainText('Attempt 3 · GET')
  const waits = responseViewer.phaseRow(/^Wait before attempt \d \(Retry-After\)/)
  await expect(waits).toHaveCount(2)
  await expect(waits.nth(0)).toContainText(/1\.0\d s/)
  // The back-off is its own segment: the final attempt's "Sending request" is milliseconds, not a second.
  const sending = responseViewer.phaseRow(/^Sending request/)
  await expect(sending).toHaveCount(3)
  await expect(sending.nth(2)).toContainText(/\d+(\.\d+)? ms/)
  await expect(responseViewer.phaseRow(/^of which waiting to retry/)).toContainText(/2\.0\d s/)
  await shot('retry-timing')
  await responseViewer.phaseRow(/^Courier overhead/).scrollIntoViewIfNeeded()
  await shot('retry-timing-end')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('retry-timing-end-dark')
  await responseViewer.tab('Body').click()
  await shot('retry-response-dark')
})

test('retries that never succeed: the last 503 is the response, its Retry-After never reads "Retry after now"', async ({
  app,
  requestEditor,
  responseViewer,
  retryTarget,
  shot,
}) => {
  await requestEditor.url().fill(retryTarget.url('/busy'))
  await requestEditor.openTab('Settings')
  await requestEditor.settingNumber('Attempts').fill('2')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('503 Service Unavailable')
  await expect(responseViewer.attemptsCount()).toHaveText('2 attempts')
  await expect(responseViewer.attemptRows().nth(0)).toContainText('retried after 1.0 s (Retry-After)')
  await expect(responseViewer.attemptRows().nth(1)).toContainText('gave up: the last answer, shown here')
  // The last answer's own Retry-After counts down, then says it has passed: never "now".
  await expect(responseViewer.rateLimit()).toContainText(/Retry-After of 1 s has passed \(.+\): you may send again/, {
    timeout: 5000,
  })
  await expect(responseViewer.region()).not.toContainText('Retry after now')
  await shot('retry-gave-up')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('retry-gave-up-dark')
})

test('a redirect loop: one chain, each hop once, the last marked where it stopped, no ✓, the sentence counted right', async ({
  app,
  requestEditor,
  responseViewer,
  retryTarget,
  shot,
}) => {
  await requestEditor.url().fill(retryTarget.url('/loop'))
  await requestEditor.openTab('Settings')
  await requestEditor.settingNumber('Maximum redirects').fill('3')
  await requestEditor.send()

  await expect(responseViewer.status()).toHaveText('302 Found')
  await expect(responseViewer.alert()).toContainText('TOO_MANY_REDIRECTS')
  await expect(responseViewer.alert()).toContainText(
    `The server redirected in a loop: ${retryTarget.url('/loop')} was already requested in this chain. Courier followed 3 redirects, its limit, and stopped at the fourth`,
  )
  await expect(responseViewer.alert()).not.toContainText('times')
  // The send opens on the chain, since that is where the answer is.
  await expect(responseViewer.tab('Redirects')).toHaveAttribute('aria-selected', 'true')
  await expect(responseViewer.hops()).toHaveCount(4)
  await expect(responseViewer.stoppedHop()).toContainText('Stopped here')
  await expect(responseViewer.stoppedHop()).toContainText('Location: /loop not followed')
  await expect(responseViewer.stopReason()).toHaveText(
    'Not followed: 3 redirects were already followed, the limit for this send (Maximum redirects in the Settings tab).',
  )
  await expect(responseViewer.finalHop()).toHaveCount(0)
  await expect(responseViewer.redirectChain()).not.toContainText('✓')
  await shot('redirect-loop')
  await responseViewer.stoppedHop().scrollIntoViewIfNeeded()
  await shot('redirect-loop-stopped')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('redirect-loop-stopped-dark')
})

test('a chain longer than a limit of 1: singular, and says how to raise it', async ({
  requestEditor,
  responseViewer,
  retryTarget,
}) => {
  await requestEditor.url().fill(retryTarget.url('/chain/4'))
  await requestEditor.openTab('Settings')
  await requestEditor.settingNumber('Maximum redirects').fill('1')
  await requestEditor.send()
  await expect(responseViewer.alert()).toContainText(
    `Courier followed 1 redirect, its limit, and stopped at the next one (to ${retryTarget.url('/chain/2')}). Raise "Maximum redirects"`,
  )
  await expect(responseViewer.hops()).toHaveCount(2)
})
