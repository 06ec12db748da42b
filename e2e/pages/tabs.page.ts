import { expect, type Page } from '@playwright/test'

/** The open-requests tab strip: tabs, their menus, the tab list and the close-unsaved question. */
export class TabsPage {
  constructor(private readonly page: Page) {}

  readonly strip = () => this.page.getByRole('tablist', { name: 'Open requests' })
  readonly tabs = () => this.strip().getByRole('tab')
  readonly tab = (name: string | RegExp) => this.strip().getByRole('tab', { name })
  readonly activeTab = () => this.strip().getByRole('tab', { selected: true })
  readonly closeButton = (name: string | RegExp) =>
    this.page.getByRole('button', { name: typeof name === 'string' ? `Close ${name}` : name })
  readonly newTabButton = () => this.page.getByRole('button', { name: 'New request tab' })
  readonly scrollLeft = () => this.page.getByRole('button', { name: 'Scroll tabs left' })
  readonly scrollRight = () => this.page.getByRole('button', { name: 'Scroll tabs right' })
  readonly listButton = () => this.page.getByRole('button', { name: /^Tab list, \d+ open$/ })
  readonly listMenu = () => this.page.getByRole('menu', { name: 'Open tabs' })
  readonly contextMenu = () => this.page.getByRole('menu', { name: /^Actions for / })
  readonly menuItem = (name: string | RegExp) =>
    this.page.getByRole('menuitem', typeof name === 'string' ? { name, exact: true } : { name })

  readonly unsaved = () => this.page.getByRole('dialog', { name: 'Unsaved changes' })
  readonly unsavedList = () => this.unsaved().getByRole('list', { name: 'Tabs with unsaved changes' })
  readonly unsavedButton = (name: 'Save' | 'Save all' | 'Don’t save' | 'Cancel') =>
    this.unsaved().getByRole('button', { name, exact: true })

  readonly saveDialog = () => this.page.getByRole('dialog', { name: 'Save request' })
  readonly saveName = () => this.saveDialog().getByRole('textbox', { name: 'Name', exact: true })
  readonly newCollectionName = () => this.saveDialog().getByRole('textbox', { name: 'New collection name' })
  readonly saveButton = () => this.saveDialog().getByRole('button', { name: 'Save', exact: true })

  /** Opens a fresh tab and types this URL into it. */
  async openDraft(url: string) {
    await this.newTabButton().click()
    await this.page.getByRole('textbox', { name: 'Request URL' }).fill(url)
  }

  async rightClick(name: string | RegExp) {
    await this.tab(name).click({ button: 'right' })
    await expect(this.contextMenu()).toBeVisible()
  }

  async middleClick(name: string | RegExp) {
    await this.tab(name).click({ button: 'middle' })
  }

  async reopenClosed() {
    await this.page.keyboard.press('Control+Shift+T')
  }
}
