import type { Page } from '@playwright/test'

/** The app Settings dialog (top bar → Settings), found by role and name. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  readonly openButton = () => this.page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true })
  readonly dialog = () => this.page.getByRole('dialog', { name: 'Settings' })
  readonly theme = (name: 'Light' | 'Dark' | 'System') =>
    this.dialog().getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name, exact: true })
  readonly close = () => this.dialog().getByRole('button', { name: 'Cancel', exact: true })

  async open() {
    await this.openButton().click()
    await this.dialog().waitFor()
  }
}
