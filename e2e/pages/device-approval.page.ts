import type { Page } from '@playwright/test'

/** The test identity provider's verification page, where the person types the device's user code. */
export class DeviceApprovalPage {
  constructor(readonly page: Page) {}

  readonly code = () => this.page.getByLabel('Code')
  readonly approve = () => this.page.getByRole('button', { name: 'Approve' })
  readonly heading = () => this.page.getByRole('heading')

  async approveCode(userCode: string) {
    await this.code().fill(userCode)
    await this.approve().click()
  }
}
