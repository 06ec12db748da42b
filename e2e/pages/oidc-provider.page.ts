import type { Page } from '@playwright/test'

/** The local OpenID Connect provider's development login and consent pages (oidc-provider's devInteractions). */
export class OidcProviderPage {
  constructor(private readonly page: Page) {}

  readonly login = () => this.page.getByPlaceholder('Enter any login')
  readonly password = () => this.page.getByPlaceholder('and password')
  readonly signInButton = () => this.page.getByRole('button', { name: 'Sign-in' })
  readonly continueButton = () => this.page.getByRole('button', { name: 'Continue' })

  /** Signs in as `login` (it becomes the `sub`) and consents to Courier. */
  async signInAndConsent(login: string): Promise<void> {
    await this.login().fill(login)
    await this.password().fill('any password')
    await this.signInButton().click()
    await this.continueButton().click()
  }
}
