import type { Page } from '@playwright/test'
import { writeScriptIn } from './script-editor.js'

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
  readonly bodyType = (name: string) =>
    this.page.getByRole('radiogroup', { name: 'Body type' }).getByRole('radio', { name, exact: true })
  readonly jsonValid = () => this.page.getByText('Valid JSON')
  readonly jsonEditor = () => this.region().getByRole('tabpanel', { name: 'Body' }).locator('.monaco-editor')

  readonly panel = () => this.region().getByRole('tabpanel')
  readonly table = (name: 'Headers' | 'Query parameters' | 'Path parameters' | string) =>
    this.panel().getByRole('table', { name })
  readonly keysIn = (table: string) => this.table(table).getByLabel('Key', { exact: true })
  readonly valuesIn = (table: string) => this.table(table).getByRole('textbox', { name: 'Value' })
  /** Value fields of every row, textbox or combobox (a known header such as Authorization offers suggestions). */
  readonly valueFieldsIn = (table: string) => this.table(table).getByLabel('Value', { exact: true })
  readonly addCaptureButton = () => this.panel().getByRole('button', { name: '+ Capture a value' })
  readonly captureVariable = () => this.panel().getByRole('textbox', { name: 'Capture variable' })
  readonly captureExpression = (variable: string) =>
    this.panel().getByRole('textbox', { name: `Expression of ${variable}` })
  // Multipart parts
  readonly addTextPart = () => this.panel().getByRole('button', { name: '+ Text field' })
  readonly addFilePart = () => this.panel().getByRole('button', { name: '+ File' })
  readonly partNames = () => this.panel().getByRole('textbox', { name: 'Part name' })
  readonly partValue = (part: string) => this.panel().getByRole('textbox', { name: `Value of ${part}` })
  readonly partFile = (part: string) => this.panel().getByLabel(`File for ${part}`)
  readonly partOptions = (part: string) => this.panel().getByRole('button', { name: `More options for ${part}` })
  readonly partFilename = (part: string) => this.panel().getByRole('textbox', { name: `File name of ${part}` })
  readonly panelText = (text: string) => this.panel().getByText(text)
  // Cookies tab and the jar
  readonly jarCookiesSent = () => this.panel().getByRole('list', { name: 'Jar cookies sent with this request' })
  readonly requestCookies = () => this.panel().getByRole('textbox', { name: 'Request cookies' })
  readonly manageJarButton = () => this.panel().getByRole('button', { name: 'Manage cookie jar…' })
  readonly cookieJar = () => this.page.getByRole('dialog', { name: 'Cookie jar' })
  readonly jarTable = () => this.cookieJar().getByRole('table', { name: 'Cookies in the jar' })
  readonly deleteJarCookie = (name: string) => this.cookieJar().getByRole('button', { name: `Delete cookie ${name}` })
  readonly jarEmpty = () => this.cookieJar().getByText('The jar is empty.')
  readonly jarDone = () => this.cookieJar().getByRole('button', { name: 'Done' })
  // Settings and Headers tabs
  readonly totalTimeout = () => this.panel().getByLabel('Total timeout')
  /** A number field of the Settings tab by its label: 'Attempts', 'Maximum redirects', 'First backoff'. */
  readonly settingNumber = (label: string) => this.panel().getByRole('spinbutton', { name: label, exact: true })
  /** A choice of the Settings tab by its label: 'Fresh connection', 'Cookie jar', 'Verify TLS certificates'. */
  readonly settingChoice = (label: string) => this.panel().getByRole('combobox', { name: label, exact: true })
  readonly bulkEditButton = () => this.panel().getByRole('button', { name: 'Bulk edit' })
  readonly bulkText = (table: string) => this.panel().getByRole('textbox', { name: `${table} as text` })
  readonly dropDefaultHeader = (name: string) => this.panel().getByRole('button', { name: `Don't send ${name}` })
  readonly splitter = () => this.page.getByRole('separator', { name: 'Resize request and response' })
  readonly authType = () => this.region().getByRole('combobox', { name: 'Auth type' })
  readonly finalUrl = () => this.page.getByLabel('URL as sent')
  // Blank and half-filled rows (issue 12).
  readonly capturesTable = () => this.panel().getByRole('table', { name: 'Captures' })
  readonly blankCaptureExpression = () => this.panel().getByRole('textbox', { name: 'Expression of capture' })
  /** The Auth tab's "Inherit from parent": what is inherited, from where, and a button to that level's settings. */
  readonly inheritedAuth = () => this.region().getByRole('group', { name: 'Inherited auth' })
  readonly openInheritedSettings = (kind: 'collection' | 'folder') =>
    this.inheritedAuth().getByRole('button', { name: `Open ${kind} settings` })
  readonly methodList = () => this.page.getByRole('listbox', { name: 'Methods' })
  readonly methodOption = (name: string) => this.methodList().getByRole('option', { name, exact: true })

  // Scripts tab (issue 14)
  readonly snippet = (name: string) =>
    this.region().getByRole('complementary', { name: 'Snippets' }).getByRole('button', { name, exact: true })

  async writeScript(phase: 'Pre-request' | 'Post-response', text: string) {
    await this.tab('Scripts').click()
    await writeScriptIn(this.page, this.region(), phase, text)
  }

  async openTab(name: 'Params' | 'Headers' | 'Body' | 'Auth' | 'Scripts' | 'Cookies' | 'Settings' | 'Capture') {
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
    await this.values()
      .nth((await this.values().count()) - 2)
      .fill(value)
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

  /** Capture tab: a rule that sets `variable` from the response at `expression`. */
  async addCapture(variable: string, expression: string) {
    await this.addCaptureButton().click()
    await this.captureVariable().fill(variable)
    await this.captureExpression(variable).fill(expression)
  }

  async send() {
    await this.sendButton().click()
  }
}
