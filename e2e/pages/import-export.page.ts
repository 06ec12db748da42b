import type { Locator, Page } from '@playwright/test'

/** The Import, Export and Copy-as-code dialogs, and the buttons that open them. */
export class ImportExportPage {
  constructor(private readonly page: Page) {}

  readonly importButton = () =>
    this.page.getByRole('navigation', { name: 'Collections' }).getByRole('button', { name: 'Import', exact: true })
  readonly importDialog = () => this.page.getByRole('dialog', { name: 'Import' })
  readonly source = (name: 'Paste' | 'File' | 'Folder or zip' | 'URL') =>
    this.importDialog().getByRole('radio', { name, exact: true })
  readonly folderInput = () => this.importDialog().getByLabel('Folder to import')
  readonly zipInput = () => this.importDialog().getByLabel('Zip to import')
  readonly chosenUpload = () => this.importDialog().locator('.import-dialog__file-name')
  readonly pasteBox = () => this.importDialog().getByRole('textbox', { name: 'Text to import' })
  readonly fileInput = () => this.importDialog().getByLabel('File to import')
  readonly urlBox = () => this.importDialog().getByRole('textbox', { name: 'URL of a spec or collection' })
  readonly previewButton = () => this.importDialog().getByRole('button', { name: 'Preview', exact: true })
  readonly confirmImport = () => this.importDialog().getByRole('button', { name: 'Import', exact: true })
  readonly report = () => this.importDialog().getByRole('region', { name: 'Import report' })

  readonly codeButton = () => this.page.getByRole('button', { name: 'Code', exact: true })
  readonly codeDialog = () => this.page.getByRole('dialog', { name: 'Copy as code' })
  readonly language = () => this.codeDialog().getByRole('combobox', { name: 'Language' })
  readonly codeEditor = () => this.codeDialog().locator('.monaco-editor')
  readonly copyButton = () => this.codeDialog().getByRole('button', { name: 'Copy', exact: true })
  readonly revealSecrets = () => this.codeDialog().getByRole('switch', { name: 'Reveal secrets' })

  readonly importAlert = () => this.importDialog().getByRole('alert')
  readonly exportDialog = (name: string | RegExp) => this.page.getByRole('dialog', { name })
  readonly exportFormat = (dialog: Locator, name: RegExp) => dialog.getByRole('radio', { name })
  readonly exportButton = (dialog: Locator) => dialog.getByRole('button', { name: 'Export', exact: true })
  readonly exportStatus = (dialog: Locator) => dialog.getByRole('status')
  readonly closeExport = (dialog: Locator) => dialog.getByRole('button', { name: 'Close', exact: true }).last()
  /** The switch's input is visually hidden; a person clicks its label. */
  readonly includeSecretsLabel = (dialog: Locator) => dialog.getByText('Include secrets').first()
  readonly includeSecrets = (dialog: Locator) => dialog.getByRole('switch', { name: 'Include secrets' })
  readonly historyStatusFilter = () =>
    this.page.getByRole('navigation', { name: 'History' }).getByRole('combobox', { name: 'Status filter' })
  readonly exportHistoryButton = () =>
    this.page.getByRole('navigation', { name: 'History' }).getByRole('button', { name: 'Export matches…' })
  readonly commandSearch = () =>
    this.page.getByRole('combobox', { name: 'Search commands, requests, environments and history' })

  /** The code as Monaco shows it (visible lines; Monaco renders spaces as no-break spaces). */
  async codeText(): Promise<string> {
    await this.codeEditor().waitFor()
    return (await this.codeDialog().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')
  }

  /** Imports a file through the dialog, as a person would, and waits for the report. */
  async importFile(name: string, text: string) {
    await this.importButton().click()
    await this.source('File').check()
    await this.fileInput().setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) })
    await this.report().waitFor()
  }

  /** A real paste into the URL field: the text goes through the clipboard, then Ctrl+V. */
  async pasteIntoUrl(text: string) {
    const url = this.page.getByRole('textbox', { name: 'Request URL' })
    await url.click()
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text)
    await this.page.keyboard.press('Control+V')
  }
}
