import type { Page } from '@playwright/test'

/** The GraphQL body: schema source, explorer, query and variables editors, operation picker. */
export class GraphqlPage {
  constructor(private readonly page: Page) {}

  readonly body = () => this.page.getByRole('region', { name: 'Request' }).getByRole('tabpanel', { name: 'Body' })
  readonly fetchSchema = () => this.body().getByRole('button', { name: 'Fetch schema', exact: true })
  readonly refreshSchema = () => this.body().getByRole('button', { name: 'Refresh schema' })
  readonly sdlFile = () => this.body().getByLabel('Schema SDL file')
  readonly sdlFromUrl = () => this.body().getByRole('button', { name: 'SDL from URL' })
  readonly sdlUrl = () => this.body().getByRole('textbox', { name: 'Schema SDL URL' })
  readonly loadSdl = () => this.body().getByRole('button', { name: 'Load SDL', exact: true })
  readonly schemaStatus = () =>
    this.body()
      .getByRole('status')
      .filter({ hasText: /schema/i })
  readonly schemaError = () => this.body().getByRole('alert')
  readonly explorerToggle = () => this.body().getByRole('button', { name: 'Schema', exact: true })
  readonly explorer = () => this.body().getByRole('complementary', { name: 'Schema explorer' })
  readonly explorerSearch = () => this.explorer().getByRole('searchbox', { name: 'Search schema' })
  readonly rootType = (name: string) =>
    this.explorer().getByRole('list', { name: 'Root types' }).getByRole('button', { name, exact: true })
  readonly fieldsOf = (type: string) => this.explorer().getByRole('list', { name: `Fields of ${type}` })
  readonly field = (type: string, name: string) => this.fieldsOf(type).getByRole('listitem', { name, exact: true })
  readonly openType = (name: string) =>
    this.explorer()
      .getByRole('button', { name: `Open type ${name}` })
      .first()
  readonly breadcrumb = () => this.explorer().getByRole('navigation', { name: 'Schema path' })
  readonly searchResults = () => this.explorer().getByRole('list', { name: 'Search results' })
  readonly operation = () => this.body().getByRole('combobox', { name: 'Operation', exact: true })
  readonly queryEditor = () => this.body().locator('.graphql-body__pane').first().locator('.monaco-editor')
  readonly suggestions = () => this.queryEditor().locator('.suggest-widget').or(this.page.locator('.suggest-widget'))
  /** A row of the completion list; Monaco labels each row with its text (and its type). */
  readonly suggestion = (label: string) =>
    this.suggestions()
      .getByRole('option', { name: new RegExp(`^${label}\\b(?!s)`) })
      .first()
  readonly errorMarks = () => this.queryEditor().locator('.squiggly-error')
  readonly variablesEditor = () => this.body().locator('.graphql-body__pane').nth(1).locator('.monaco-editor')
  readonly variablesMarks = () => this.variablesEditor().locator('.squiggly-error, .squiggly-warning')

  /** Moves the request/response splitter down, as a person does to see more of the query and the explorer. */
  async roomForTheEditor() {
    const splitter = this.page.getByRole('separator', { name: 'Resize request and response' })
    await splitter.focus()
    for (let i = 0; i < 5; i++) await splitter.press('ArrowDown')
  }

  /** Replaces the query as a person would: select all, delete, type (Monaco closes brackets itself, so type only openers). */
  async typeQuery(text: string) {
    await this.queryEditor().click()
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.type(text)
  }

  /** Sets the whole query exactly, by a real paste (needs the clipboard permissions): typing would auto-indent and close. */
  async pasteQuery(text: string, editor = this.queryEditor()) {
    await editor.click()
    await this.page.keyboard.press('Control+A')
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text)
    await this.page.keyboard.press('Control+V')
  }

  async pasteVariables(text: string) {
    await this.pasteQuery(text, this.variablesEditor())
  }
}
