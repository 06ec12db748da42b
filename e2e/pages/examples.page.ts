import type { Page } from '@playwright/test'

/** The request editor's Examples tab (a request's saved examples) and “Save as example” beside the response. */
export class ExamplesPage {
  constructor(private readonly page: Page) {}

  readonly editor = () => this.page.getByRole('region', { name: 'Request', exact: true })
  readonly tab = () => this.editor().getByRole('tab', { name: /^Examples/ })
  readonly list = () => this.editor().getByRole('list', { name: 'Saved examples' })
  readonly item = (name: string, status: number) =>
    this.list().getByRole('button', { name: `Example ${name}, status ${status}`, exact: true })
  readonly items = () => this.list().getByRole('button')
  readonly status = () => this.editor().getByLabel('Example status')
  readonly headers = () => this.editor().getByRole('table', { name: 'Example headers' })
  readonly rename = () => this.editor().getByRole('button', { name: 'Rename example', exact: true })
  readonly nameBox = () => this.editor().getByRole('textbox', { name: 'Example name', exact: true })
  readonly saveName = () => this.editor().getByRole('button', { name: 'Save name', exact: true })
  readonly remove = () => this.editor().getByRole('button', { name: 'Delete example', exact: true })
  readonly saveAsExample = () =>
    this.page.getByRole('region', { name: 'Response', exact: true }).getByRole('button', { name: 'Save as example' })

  async open() {
    await this.tab().click()
  }

  /** The body as Monaco shows it (visible lines; Monaco renders spaces as no-break spaces). */
  async bodyText(): Promise<string> {
    const lines = this.editor().locator('.monaco-editor .view-lines')
    await lines.waitFor()
    return (await lines.innerText()).replace(/\u00a0/g, ' ')
  }
}
