import type { Page } from '@playwright/test'

/** Courier's Mocks view: the mock list, the new-mock form, a mock's routes and call log. */
export class MocksPage {
  constructor(private readonly page: Page) {}

  readonly open = () => this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Mocks' })
  readonly region = () => this.page.getByRole('region', { name: 'Mocks' })
  readonly newMock = () => this.region().getByRole('button', { name: 'New mock' })
  readonly form = () => this.region().getByRole('form', { name: 'New mock' })
  readonly source = () => this.form().getByRole('combobox', { name: 'Mock source' })
  readonly name = () => this.form().getByRole('textbox', { name: 'Mock name' })
  readonly allowedOrigins = () => this.form().getByRole('textbox', { name: 'Allowed origins' })
  readonly create = () => this.form().getByRole('button', { name: 'Create mock' })
  readonly listItem = (name: string) =>
    this.region()
      .getByRole('navigation', { name: 'Mock servers' })
      .getByRole('button', { name: new RegExp(name) })

  readonly mock = (name: string) => this.region().getByRole('region', { name: `Mock ${name}` })
  readonly url = (name: string) => this.mock(name).getByLabel('Mock URL')
  readonly copyUrl = (name: string) => this.mock(name).getByRole('button', { name: /Copy URL/ })
  readonly button = (name: string, button: 'Pause' | 'Resume' | 'Delete') =>
    this.mock(name).getByRole('button', { name: button, exact: true })
  readonly routes = (name: string) => this.mock(name).getByRole('table', { name: 'Routes' })
  readonly example = (name: string, route: string) =>
    this.mock(name).getByRole('combobox', { name: `Example for ${route}` })
  readonly statusOverride = (name: string, route: string) =>
    this.mock(name).getByRole('spinbutton', { name: `Status override for ${route}` })
  readonly delay = (name: string, route: string) =>
    this.mock(name).getByRole('spinbutton', { name: `Delay for ${route} (ms)` })
  readonly settingsOrigins = (name: string) =>
    this.mock(name).getByRole('form', { name: 'Mock settings' }).getByRole('textbox', { name: 'Allowed origins' })
  readonly saveOrigins = (name: string) => this.mock(name).getByRole('button', { name: 'Save origins' })
  readonly calls = (name: string) => this.mock(name).getByRole('region', { name: 'Mock calls' })
  readonly callRows = (name: string) => this.calls(name).getByRole('table', { name: 'Calls' }).locator('tbody tr')
  readonly clearLog = (name: string) => this.calls(name).getByRole('button', { name: 'Clear log' })
  readonly confirmDialog = (name: string) => this.page.getByRole('dialog', { name: `Delete mock ${name}?` })
}
