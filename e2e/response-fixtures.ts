import { expect, resetWorkspace, test as base } from './fixtures.js'
import { ResponseTarget } from './response-target.js'

export { expect }

/**
 * The shared fixtures plus the upstream the response-view specs talk to. `app` is the shared
 * one's check that nothing leaves 127.0.0.1, except that Chromium's own PDF viewer
 * (chrome-extension:, chrome: — inside the browser, never the network) may load.
 */
export const test = base.extend<object, { responseTarget: ResponseTarget }>({
  app: async ({ page, courier, request }, use) => {
    await resetWorkspace(request, courier.url)
    const foreign: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      const local = ['127.0.0.1', 'localhost'].includes(url.hostname) || ['data:', 'blob:', 'chrome-extension:', 'chrome:'].includes(url.protocol)
      if (!local) foreign.push(request.url())
    })
    await page.goto(courier.url)
    await use(page)
    expect(foreign, 'requests that left 127.0.0.1').toEqual([])
  },
  responseTarget: [
    async ({}, use) => {
      const target = new ResponseTarget()
      await target.start()
      await use(target)
      await target.stop()
    },
    { scope: 'worker' },
  ],
})
