import { test as base } from './fixtures.js'
import { ResponseTarget } from './response-target.js'

export { expect } from './fixtures.js'

/** The shared fixtures plus the upstream the response-view specs talk to. */
export const test = base.extend<object, { responseTarget: ResponseTarget }>({
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
