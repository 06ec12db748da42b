import type { Page } from '@playwright/test'

/** The pages a browser without a session sees: how to sign in, and a spent link. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { level: 1 })
  readonly instructions = () => this.page.getByRole('main').getByRole('paragraph')
  readonly pageToken = () => this.page.locator('meta[name="courier-token"]')
  readonly sessionEndedBanner = () => this.page.getByRole('alert').filter({ hasText: 'session has ended' })
}
