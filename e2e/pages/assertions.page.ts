import type { Page } from '@playwright/test'

type Kind = 'Status code' | 'Header' | 'JSONPath' | 'Body' | 'Response time' | 'JSON Schema'

/** The request editor's Assertions tab: rows found by their accessible names ("Kind of assertion 2"). */
export class AssertionsPage {
  constructor(private readonly page: Page) {}

  readonly region = () => this.page.getByRole('region', { name: 'Request' })
  readonly tab = () => this.region().getByRole('tab', { name: /^Assertions/ })
  readonly panel = () => this.region().getByRole('tabpanel', { name: 'Assertions' })
  readonly table = () => this.panel().getByRole('table', { name: 'Assertions' })
  readonly addButton = () => this.panel().getByRole('button', { name: '+ Add assertion' })
  readonly kind = (row: number) => this.panel().getByRole('combobox', { name: `Kind of assertion ${row}` })
  readonly target = (row: number) => this.panel().getByRole('textbox', { name: `Target of assertion ${row}` })
  readonly operator = (row: number) => this.panel().getByRole('combobox', { name: `Operator of assertion ${row}` })
  readonly expected = (row: number) => this.panel().getByRole('textbox', { name: `Expected value of assertion ${row}` })
  readonly remove = (row: number) => this.panel().getByRole('button', { name: `Delete assertion ${row}` })

  async open() {
    await this.tab().click()
  }

  /** Adds a row and fills it; the row number is 1-based, in the table's order. */
  async add(row: number, kind: Kind, operator: string, expected: string | null, target?: string) {
    await this.addButton().click()
    await this.kind(row).selectOption({ label: kind })
    if (target !== undefined) await this.target(row).fill(target)
    await this.operator(row).selectOption({ label: operator })
    if (expected !== null) await this.expected(row).fill(expected)
  }
}
