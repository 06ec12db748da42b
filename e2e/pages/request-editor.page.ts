import type { Page } from '@playwright/test'

/** The request editor, found as a person finds it: by role and label. */
export class RequestEditorPage {
  constructor(private readonly page: Page) {}

  readonly region = () => this.page.getByRole('region', { name: 'Request' })
  readonly method = () => this.page.getByRole('combobox', { name: 'Method', exact: true })
  readonly url = () => this.page.getByRole('textbox', { name: 'Request URL' })
  readonly sendButton = () => this.page.getByRole('button', { name: 'Send', exact: true })
  readonly cancelButton = () => this.page.getByRole('button', { name: 'Cancel', exact: true })
  readonly tab = (name: string) => this.region().getByRole('tab', { name, exact: true })
  // By label, not role: a key with suggestions (a datalist) is a combobox, a plain one a textbox.
  readonly keys = () => this.region().getByLabel('Key', { exact: true })
  readonly values = () => this.region().getByLabel('Value', { exact: true })
  readonly bodyType = (name: string) => this.page.getByRole('radiogroup', { name: 'Body type' }).getByRole('radio', { name, exact: true })
  readonly jsonEditor = () => this.region().getByRole('tabpanel', { name: 'Body' }).locator('.monaco-editor')

  readonly panel = () => this.region().getByRole('tabpanel')
  readonly finalUrl = () => this.page.getByLabel('URL as sent')

  async openTab(name: 'Params' | 'Headers' | 'Body' | 'Cookies' | 'Settings') {
    await this.tab(name).click()
  }

  async chooseBody(kind: 'None' | 'JSON' | 'Form' | 'Multipart' | 'Raw' | 'Binary' | 'GraphQL') {
    await this.openTab('Body')
    await this.bodyType(kind).check()
  }

  async setMethod(method: string) {
    await this.method().fill(method)
  }

  async addRow(name: string, value: string) {
    await this.keys().last().fill(name)
    await this.values().nth((await this.values().count()) - 2).fill(value)
  }

  async typeJsonBody(text: string) {
    await this.tab('Body').click()
    await this.bodyType('JSON').check()
    const editor = this.jsonEditor()
    await editor.waitFor()
    await editor.click()
    // Monaco auto-closes brackets and quotes; select-all + Delete, then type, yields exactly the text.
    await this.page.keyboard.press('Control+A')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.type(text)
  }

  async send() {
    await this.sendButton().click()
  }
}
