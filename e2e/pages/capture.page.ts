import type { Page } from '@playwright/test'

/** Courier's Capture view: mounts, the live captured exchanges, one exchange's actions. */
export class CapturePage {
  constructor(private readonly page: Page) {}

  readonly open = () => this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Capture' })
  readonly region = () => this.page.getByRole('region', { name: 'Capture' })
  readonly stream = () =>
    this.region()
      .getByRole('status')
      .filter({ hasText: /Live|Connecting|Reconnecting/ })
  readonly emptyNote = () => this.region().getByText(/A mount forwards your front end/)

  // The mount form.
  readonly newMount = () => this.region().getByRole('button', { name: 'New mount' })
  readonly mountForm = () => this.region().getByRole('form', { name: 'New mount' })
  readonly mountName = () => this.mountForm().getByRole('textbox', { name: 'Mount name' })
  readonly upstream = () => this.mountForm().getByRole('textbox', { name: 'Upstream URL' })
  readonly allowedOrigins = () => this.mountForm().getByRole('textbox', { name: 'Allowed origins' })
  readonly createMount = () => this.mountForm().getByRole('button', { name: 'Create mount' })
  readonly formProblems = () => this.mountForm().getByRole('alert')

  readonly mount = (name: string) => this.region().getByRole('listitem', { name: `Mount ${name}` })
  readonly mountUrl = (name: string) => this.mount(name).getByTitle('Capture URL')
  readonly copyUrl = (name: string) => this.mount(name).getByRole('button', { name: /Copy URL/ })
  readonly mountButton = (name: string, button: 'Pause' | 'Resume' | 'Edit' | 'Delete') =>
    this.mount(name).getByRole('button', { name: button, exact: true })
  readonly confirmDialog = (name: string) => this.page.getByRole('dialog', { name: `Delete mount ${name}?` })

  // Filters and the table.
  readonly mountFilter = () => this.region().getByRole('combobox', { name: 'Mount' })
  readonly methodFilter = () => this.region().getByRole('combobox', { name: 'Method' })
  readonly statusFilter = () => this.region().getByRole('textbox', { name: 'Status' })
  readonly pathFilter = () => this.region().getByRole('textbox', { name: 'Path' })
  readonly table = () => this.region().getByRole('grid', { name: 'Captured exchanges' })
  /** Body rows (the header row holds column headers, not cells). */
  readonly rows = () =>
    this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('gridcell') })
  readonly row = (text: string | RegExp) => this.rows().filter({ hasText: text })

  // One exchange.
  readonly detail = () => this.region().getByRole('region', { name: 'Exchange', exact: true })
  readonly action = (name: 'Open in editor' | 'Replay' | 'Save to collection' | 'Compare with previous') =>
    this.detail().getByRole('button', { name, exact: true })
  readonly captured = () => this.detail().getByRole('region', { name: 'Captured response' })
  readonly replayed = () => this.detail().getByRole('region', { name: 'Replay response' })
  readonly compareDialog = () => this.page.getByRole('dialog', { name: 'Compare with previous' })
  readonly differences = () => this.compareDialog().getByRole('list', { name: 'Differences' })
  readonly diffEditor = () => this.compareDialog().locator('.monaco-diff-editor')
}
