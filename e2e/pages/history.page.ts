import type { Page } from '@playwright/test'

export class HistoryPage {
  constructor(private readonly page: Page) {}

  readonly region = () => this.page.getByRole('navigation', { name: 'History' })
  readonly entries = () => this.region().getByRole('button', { name: /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|[A-Z]+) / })
  readonly entry = (text: string | RegExp) => this.entries().filter({ hasText: text })
}
