import type { Page } from '@playwright/test'

/** What the page shows of changes made elsewhere: the "Changed by" mark of a tab, presence badges. */
export class LivePage {
  constructor(private readonly page: Page) {}

  readonly changedNote = () => this.page.getByRole('status').filter({ hasText: /Changed (by|in another tab)/ })
  readonly reloadTheirs = () => this.page.getByRole('button', { name: 'Reload theirs' })
  readonly keepMine = () => this.page.getByRole('button', { name: 'Keep mine' })
  readonly viewers = () => this.page.getByRole('list', { name: 'Also viewing this request' })
  readonly viewer = (name: string) => this.viewers().getByRole('img', { name: `${name} is viewing` })
  /** A tab by its accessible name, which says when it changed elsewhere. */
  readonly tab = (name: string | RegExp) =>
    this.page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name })

  /** Resolves once the page's live stream is open (register before the page loads). */
  streamOpened() {
    return this.page.waitForResponse((response) => new URL(response.url()).pathname === '/api/events')
  }
}
