import { expect, isLoopbackOrInline, openCourier, test as base } from './fixtures.js'
import { ResponseTarget } from './response-target.js'

export { expect }

/**
 * The shared fixtures plus the upstream the response-view specs talk to. `app` is the shared
 * one's check that nothing leaves 127.0.0.1, except that Chromium's own PDF viewer
 * (chrome-extension:, chrome: — inside the browser, never the network) may load.
 */
export const test = base.extend<object, { responseTarget: ResponseTarget }>({
  app: openCourier((url) => isLoopbackOrInline(url) || ['chrome-extension:', 'chrome:'].includes(url.protocol)),
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
