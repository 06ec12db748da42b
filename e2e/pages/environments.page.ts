import type { Page } from '@playwright/test'

/** The Environments dialog: each variable's shared value and my own current value. */
export class EnvironmentsPage {
  constructor(private readonly page: Page) {}

  readonly dialog = () => this.page.getByRole('dialog', { name: 'Environments' })
  readonly environment = (name: string) => this.dialog().getByRole('button', { name: new RegExp(`^${name}`) })
  readonly sharedValue = (variable: string) =>
    this.dialog().getByRole('textbox', { name: `Value of ${variable} (shared)`, exact: true })
  readonly currentValue = (variable: string) =>
    this.dialog().getByRole('textbox', { name: `Current value for ${variable}`, exact: true })
  readonly persist = (variable: string) =>
    this.dialog().getByRole('button', { name: `Persist current value of ${variable}` })
  readonly reset = (variable: string) =>
    this.dialog().getByRole('button', { name: `Reset current value of ${variable}` })
  readonly privateHint = () => this.dialog().getByText('Current values are private to you:')
  readonly newEnvironment = () => this.dialog().getByRole('button', { name: '+ New environment' })
  readonly name = () => this.dialog().getByRole('textbox', { name: 'Environment name' })
  readonly variableName = () => this.dialog().getByRole('textbox', { name: 'Variable name' })
  /** The dot beside an environment in the list that has edits not saved yet. */
  readonly unsaved = (name: string) => this.environment(name).getByLabel('edited', { exact: true })
  readonly save = () => this.dialog().getByRole('button', { name: 'Save' })
  readonly close = () => this.dialog().getByRole('button', { name: 'Close' })

  async open(name: string) {
    await this.page.getByRole('button', { name: 'Environments', exact: true }).click()
    await this.environment(name).click()
  }

  /** Types my current value and leaves the field, which saves it (no Save needed: it is mine alone). */
  async setCurrent(variable: string, value: string) {
    await this.currentValue(variable).fill(value)
    await this.currentValue(variable).press('Enter')
  }
}
