import type { Locator, Page } from '@playwright/test'

/** The Auth tab of the request editor, found by role and label. */
export class AuthPage {
  /** `within`: another place the same form appears (the collection Settings dialog); default the request editor. */
  constructor(
    private readonly page: Page,
    private readonly within?: Locator,
  ) {}

  readonly tab = () =>
    this.page.getByRole('region', { name: 'Request' }).getByRole('tab', { name: 'Auth', exact: true })
  readonly panel = () =>
    this.within ?? this.page.getByRole('region', { name: 'Request' }).getByRole('tabpanel', { name: 'Auth' })
  readonly type = () => this.page.getByRole('combobox', { name: 'Auth type' })
  /** Text and password fields alike, by their accessible name. */
  readonly field = (name: string) => this.panel().getByLabel(name, { exact: true })
  readonly sentAs = () => this.panel().locator('.auth-sent-as')
  /** The Show/Hide switch of a password field, by the field's name ("Password" → "Show password"). */
  readonly reveal = (field: string) => this.panel().getByRole('button', { name: `Show ${field.toLowerCase()}` })
  readonly addTo = (where: 'Header' | 'Query parameter') =>
    this.panel().getByRole('radiogroup', { name: 'Add API key to' }).getByRole('radio', { name: where })

  // OAuth 2
  readonly grant = () => this.panel().getByRole('combobox', { name: 'Grant type' })
  readonly clientAuth = () => this.panel().getByRole('combobox', { name: 'Client authentication' })
  readonly discover = () => this.panel().getByRole('button', { name: 'Discover' })
  readonly discovered = () => this.panel().getByRole('status', { name: 'Discovery result' })
  readonly getToken = () => this.panel().getByRole('button', { name: 'Get new access token' })
  readonly cancelFlow = () => this.panel().getByRole('button', { name: 'Cancel flow' })
  readonly tokenCard = () => this.panel().getByRole('region', { name: 'Access token' })
  readonly tokenStatus = () => this.panel().getByRole('status', { name: 'Token status' })
  readonly maskedToken = () => this.panel().getByLabel('Access token (masked)')
  readonly refreshNow = () => this.panel().getByRole('button', { name: 'Refresh now' })
  readonly forget = () => this.panel().getByRole('button', { name: 'Forget token' })
  readonly flowResult = () =>
    this.panel()
      .getByRole('group', { name: 'Flow result' })
      .or(this.panel().getByRole('status', { name: 'Flow result' }))
  readonly flowStatus = () => this.panel().getByRole('status', { name: 'Flow status' })
  readonly alert = () => this.panel().getByRole('alert').first()
  /** Opens the HTTP exchange a step of the flow inspector recorded. */
  readonly exchangeToggle = (step: string) => this.step(step).getByText('HTTP exchange')
  readonly exchangeHeaders = (step: string) => this.step(step).getByRole('table', { name: `${step} request headers` })
  readonly exchangeRequestBody = (step: string) => this.step(step).getByLabel(`${step} request body`)
  readonly exchangeResponseBody = (step: string) => this.step(step).getByLabel(`${step} response body`)
  readonly inspector = () => this.panel().getByRole('region', { name: 'Flow inspector' })
  readonly step = (title: string) => this.inspector().getByRole('listitem', { name: new RegExp(`^${title}: `) })
  readonly userCode = () => this.panel().getByLabel('User code')
  readonly verificationLink = () => this.panel().getByRole('link', { name: 'Verification page' })
  readonly redirectUrl = () => this.panel().getByRole('textbox', { name: 'Redirect URL' })
  readonly finishSignIn = () => this.panel().getByRole('button', { name: 'Finish sign-in' })
  readonly more = () => this.panel().getByText('Audience, resource, extra parameters, token name')
  readonly jwtClaims = (name: 'Access token' | 'ID token') =>
    this.panel().getByRole('table', { name: `${name} claims` })

  /** The token name lives under "more"; two flows with different names never share a token. */
  async setTokenName(name: string) {
    if (!(await this.field('Token name').isVisible())) await this.more().click()
    await this.field('Token name').fill(name)
  }

  /** Gives the request editor most of the height (the splitter, by keyboard), for long OAuth panels. */
  async enlargeEditor() {
    const splitter = this.page.getByRole('separator', { name: 'Resize request and response' })
    await splitter.focus()
    for (let i = 0; i < 8; i++) await splitter.press('ArrowDown')
  }

  async open() {
    await this.tab().click()
  }

  async choose(type: 'No auth' | 'Basic' | 'Bearer token' | 'API key' | 'Digest' | 'OAuth 2.0') {
    await this.open()
    await this.type().selectOption({ label: type })
  }

  /** Fills the OAuth 2 form; only the fields given are touched. */
  async configure(
    fields: Partial<
      Record<
        | 'Issuer'
        | 'Authorization URL'
        | 'Token URL'
        | 'Device authorization URL'
        | 'Client ID'
        | 'Client secret'
        | 'Scope'
        | 'Redirect URI'
        | 'Resource owner username'
        | 'Resource owner password',
        string
      >
    >,
  ) {
    for (const [name, value] of Object.entries(fields)) await this.field(name).fill(value)
  }
}
