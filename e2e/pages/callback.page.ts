import type { Page } from '@playwright/test'

/** Courier's own /oauth/callback page, as the popup (or a replayed address) shows it. */
export class CallbackPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { level: 1 })
  /** The error code the page shows when the sign-in did not finish. */
  readonly code = () => this.page.locator('#code')
  readonly message = () => this.page.locator('#message')
}
