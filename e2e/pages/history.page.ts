import type { Locator, Page } from '@playwright/test'

export class HistoryPage {
  constructor(private readonly page: Page) {}

  readonly sidebarTab = () => this.page.getByRole('tablist', { name: 'Sidebar' }).getByRole('tab', { name: 'History' })
  readonly region = () => this.page.getByRole('navigation', { name: 'History' })
  readonly search = () => this.region().getByRole('searchbox', { name: 'Search history' })

  /** History shares the sidebar with Collections. */
  async show() {
    await this.sidebarTab().click()
  }
  readonly entries = () =>
    this.region().getByRole('button', { name: /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|[A-Z]+) / })
  readonly entry = (text: string | RegExp) => this.entries().filter({ hasText: text })
  /** The host as a history row shows it. */
  readonly entryHost = (entry: Locator, host: string) => entry.getByText(host, { exact: true })
  readonly entryActions = (name: RegExp) => this.region().getByRole('button', { name })
  readonly compareItem = () => this.page.getByRole('menuitem', { name: 'Compare with…' })
  readonly compareDialog = () => this.page.getByRole('dialog', { name: 'Compare responses' })
  readonly diffEditor = () => this.compareDialog().locator('.monaco-diff-editor')
}
