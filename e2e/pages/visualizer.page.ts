import type { Page } from '@playwright/test'

/** The response's Visualize view: a sandboxed frame, read through Playwright's frame locator. */
export class VisualizerPage {
  constructor(private readonly page: Page) {}

  readonly response = () => this.page.getByRole('region', { name: 'Response', exact: true })
  readonly tab = () => this.response().getByRole('tab', { name: 'Visualize', exact: true })
  readonly frameElement = () => this.response().getByTitle('Visualization')
  readonly frame = () => this.response().frameLocator('iframe[title="Visualization"]')
  readonly table = (name: string) => this.frame().getByRole('table', { name })
  readonly rows = (table: string) => this.table(table).getByRole('row')
  readonly probe = (name: string) => this.frame().getByRole('status', { name })
}
