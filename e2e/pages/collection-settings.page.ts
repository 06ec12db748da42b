import type { Page } from '@playwright/test'
import { writeScriptIn } from './script-editor.js'

/** A collection's (or folder's) Settings dialog: the variables, headers and auth its requests inherit. */
export class CollectionSettingsPage {
  constructor(
    private readonly page: Page,
    private readonly kind: 'Collection' | 'Folder' = 'Collection',
  ) {}

  readonly dialog = () => this.page.getByRole('dialog', { name: `${this.kind} settings` })
  readonly newVariableName = () => this.dialog().getByRole('textbox', { name: 'Variable name' }).last()
  readonly value = (variable: string) =>
    this.dialog().getByRole('textbox', { name: `Value of ${variable}`, exact: true })
  readonly secret = (variable: string) => this.dialog().getByRole('checkbox', { name: `${variable} is secret` })
  readonly save = () => this.dialog().getByRole('button', { name: 'Save', exact: true })
  readonly close = () => this.dialog().getByRole('button', { name: 'Close' })

  readonly section = (name: string) =>
    this.dialog().getByRole('tablist', { name: 'Settings sections' }).getByRole('tab', { name, exact: true })
  async writeScript(phase: 'Pre-request' | 'Post-response', text: string) {
    await this.section('Scripts').click()
    await writeScriptIn(this.page, this.dialog(), phase, text)
  }

  /** Adds a variable in the empty last row. */
  async addVariable(name: string, value: string, secret = false) {
    await this.newVariableName().fill(name)
    await this.value(name).fill(value)
    if (secret) await this.secret(name).check()
  }
}
