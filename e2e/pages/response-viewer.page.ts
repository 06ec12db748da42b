import type { Page } from '@playwright/test'

export class ResponseViewerPage {
  constructor(private readonly page: Page) {}

  readonly region = () => this.page.getByRole('region', { name: 'Response' })
  readonly status = () => this.page.getByRole('status', { name: 'Response status' })
  readonly time = () => this.page.getByLabel('Response time')
  readonly size = () => this.page.getByLabel('Response size')
  readonly alert = () => this.region().getByRole('alert')
  readonly tab = (name: string) => this.region().getByRole('tab', { name, exact: true })
  readonly view = (name: string) => this.page.getByRole('radiogroup', { name: 'Body view' }).getByRole('radio', { name, exact: true })
  readonly prettyBody = () => this.region().locator('.monaco-editor')
  readonly rawBody = () => this.page.getByLabel('Raw response body')
  readonly image = () => this.region().getByRole('img')
  readonly headersTable = () => this.page.getByRole('table', { name: 'Response headers' })
}
