import { expect, test as base } from './fixtures.js'
import { DigestTarget, LocalIdp } from './local-idp.js'
import { AuthPage } from './pages/auth.page.js'

export { expect }

/** The shared fixtures plus a local identity provider, a Digest-protected API and the Auth tab. */
export const test = base.extend<{ auth: AuthPage }, { idp: LocalIdp; digestTarget: DigestTarget }>({
  auth: async ({ app }, use) => use(new AuthPage(app)),
  idp: [
    async ({}, use) => {
      const idp = new LocalIdp()
      await idp.start()
      await use(idp)
      await idp.stop()
    },
    { scope: 'worker' },
  ],
  digestTarget: [
    async ({}, use) => {
      const target = new DigestTarget()
      await target.start()
      await use(target)
      await target.stop()
    },
    { scope: 'worker' },
  ],
})
