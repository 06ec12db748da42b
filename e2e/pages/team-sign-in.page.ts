import type { Page } from '@playwright/test'

/** The team server's own pages: choosing a password from a one-time link, and signing in. */
export class TeamSignInPage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { level: 1 })
  readonly email = () => this.page.getByLabel('Email', { exact: true })
  readonly password = () => this.page.getByLabel('Password', { exact: true })
  readonly confirmPassword = () => this.page.getByLabel('Confirm password', { exact: true })
  readonly signInButton = () => this.page.getByRole('button', { name: 'Sign in' })
  /** The OpenID Connect provider's link, "Sign in with <name>", when the server has one configured. */
  readonly providerLink = (name: string) => this.page.getByRole('link', { name: `Sign in with ${name}` })
  readonly setPasswordButton = () => this.page.getByRole('button', { name: 'Set password' })
  readonly error = () => this.page.getByRole('alert')
  readonly note = () => this.page.getByRole('status')
  /** In the app's top bar once signed in. */
  readonly signedInAs = (name: string) => this.page.getByRole('banner').getByText(name, { exact: true })
  readonly signOutButton = () => this.page.getByRole('button', { name: 'Sign out' })

  async choosePassword(password: string, confirm = password): Promise<void> {
    await this.password().fill(password)
    await this.confirmPassword().fill(confirm)
    await this.setPasswordButton().click()
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email().fill(email)
    await this.password().fill(password)
    await this.signInButton().click()
  }
}
