import type { Page } from '@playwright/test'

/** The banner that says which saves are kept in this browser until the server can take them. */
export class OutboxPage {
  constructor(private readonly page: Page) {}

  readonly banner = () => this.page.getByRole('status', { name: 'Changes not saved yet' })
  readonly signInAgain = () => this.banner().getByRole('link', { name: 'Sign in again' })
  readonly tryNow = () => this.banner().getByRole('button', { name: 'Try now' })
}

/** The sentence of the Environments or Settings dialog about a Save kept in this browser, or its conflict. */
export const keptNote = (page: Page) => page.getByRole('status', { name: 'Kept in this browser' })
export const changedElsewhere = (page: Page) => page.getByRole('alert', { name: 'Changed elsewhere' })
