import type { Page } from '@playwright/test'
import { AuthPage } from './auth.page.js'

/** The Auth tab's OAuth 1.0 and AWS Signature forms. */
export class SigningAuthPage {
  private readonly auth: AuthPage

  constructor(page: Page) {
    this.auth = new AuthPage(page)
  }

  readonly field = (name: string) => this.auth.field(name)
  readonly signatureMethod = () => this.auth.panel().getByRole('combobox', { name: 'Signature method' })
  readonly sentAs = () => this.auth.sentAs()
  readonly enlargeEditor = () => this.auth.enlargeEditor()
  readonly addTo = () => this.auth.panel().getByRole('combobox', { name: 'Add OAuth parameters to' })

  async choose(type: 'OAuth 1.0' | 'AWS Signature') {
    await this.auth.open()
    await this.auth.type().selectOption({ label: type })
  }

  async fill(fields: Record<string, string>) {
    for (const [name, value] of Object.entries(fields)) await this.field(name).fill(value)
  }
}
