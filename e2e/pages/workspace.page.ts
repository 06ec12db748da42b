import { expect, type Page } from '@playwright/test'

/** Collections, tabs, environments and the command palette. */
export class WorkspacePage {
  constructor(private readonly page: Page) {}

  readonly collectionsTab = () =>
    this.page.getByRole('tablist', { name: 'Sidebar' }).getByRole('tab', { name: 'Collections' })
  readonly collections = () => this.page.getByRole('navigation', { name: 'Collections' })
  readonly tree = () => this.collections().getByRole('tree', { name: 'Collections tree' })
  readonly row = (name: string | RegExp) =>
    this.tree().getByRole('treeitem', typeof name === 'string' ? { name, exact: true } : { name })
  readonly renameBox = () => this.tree().getByRole('textbox', { name: /^New name for/ })
  readonly tabs = () => this.page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')
  readonly environment = () => this.page.getByRole('combobox', { name: 'Environment' })
  readonly dialog = (name: string) => this.page.getByRole('dialog', { name })
  readonly toast = () => this.page.locator('.toast')
  readonly undoButton = () => this.toast().getByRole('button', { name: 'Undo' })
  readonly newCollectionButton = () => this.collections().getByRole('button', { name: 'New collection' })
  readonly newTabButton = () => this.page.getByRole('button', { name: 'New request tab' })
  /** The tip that explains a `{{variable}}` under the pointer or caret. */
  readonly tooltip = () => this.page.getByRole('tooltip')
  readonly menuItem = (name: string) => this.page.getByRole('menuitem', { name, exact: true })
  readonly palette = () => this.dialog('Command palette')
  readonly paletteInput = () => this.palette().getByRole('combobox')
  readonly collectionSettings = () => this.dialog('Collection settings')
  readonly folderSettings = () => this.dialog('Folder settings')
  readonly folderAuthType = () => this.folderSettings().getByRole('combobox', { name: 'Auth type' })
  readonly folderInheritedAuth = () => this.folderSettings().getByRole('group', { name: 'Inherited auth' })
  readonly settingsCancel = () => this.collectionSettings().getByRole('button', { name: 'Cancel' })
  readonly folderSection = (name: string) => this.folderSettings().getByRole('tab', { name })
  readonly folderCancel = () => this.folderSettings().getByRole('button', { name: 'Cancel' })
  readonly folderOpenCollectionSettings = () =>
    this.folderInheritedAuth().getByRole('button', { name: 'Open collection settings' })
  readonly settingsSection = (name: string) => this.collectionSettings().getByRole('tab', { name })
  readonly settingsKeys = () => this.collectionSettings().getByLabel('Key', { exact: true })
  readonly settingsValues = () => this.collectionSettings().getByLabel('Value', { exact: true })
  readonly settingsAuthType = () => this.collectionSettings().getByRole('combobox', { name: 'Auth type' })
  readonly settingsToken = () => this.collectionSettings().getByLabel('Token', { exact: true })
  readonly settingsSave = () => this.collectionSettings().getByRole('button', { name: 'Save' })

  readonly settingsButton = () => this.page.getByRole('button', { name: 'Settings', exact: true })
  readonly settingsDialog = () => this.dialog('Settings')
  readonly globalSetting = (label: string) => this.settingsDialog().getByLabel(label)
  readonly saveSettings = () => this.settingsDialog().getByRole('button', { name: 'Save' })

  /** Resolves when Courier has saved the open tabs and drafts with every one of these texts in them; call it before the change. */
  savedWith(...texts: string[]) {
    return this.page.waitForResponse((response) => {
      const request = response.request()
      return (
        request.method() === 'PUT' &&
        new URL(response.url()).pathname === '/api/workspace' &&
        response.ok() &&
        texts.every((text) => (request.postData() ?? '').includes(text))
      )
    })
  }

  /** Settings › large bodies: responses from this size on are not opened automatically. */
  async setLargeBodyThreshold(megabytes: string) {
    await this.settingsButton().click()
    await this.globalSetting('Open automatically below').fill(megabytes)
    await this.saveSettings().click()
    await expect(this.settingsDialog()).toBeHidden()
  }

  async newCollection(name: string) {
    await this.newCollectionButton().click()
    await this.rename(name)
  }

  async newTab() {
    await this.newTabButton().click()
  }

  async showCollections() {
    await this.collectionsTab().click()
  }

  async rename(name: string) {
    await this.renameBox().fill(name)
    await this.renameBox().press('Enter')
  }

  /** Renames and waits until the tree shows the new name, as a person would before saving the request. */
  async renameAndWait(name: string) {
    await this.rename(name)
    await expect(this.tree().getByText(name, { exact: true }).first()).toBeVisible()
  }

  async rowAction(rowName: string | RegExp, action: string) {
    const row = this.row(rowName)
    await row.hover()
    await row.getByRole('button', { name: /^Actions for/ }).click()
    await this.menuItem(action).click()
  }

  /** `secret` names the variables to mark secret (their values are then masked wherever shown). */
  async createEnvironment(name: string, variables: [string, string][], secret: string[] = []) {
    await this.page.getByRole('button', { name: 'Environments', exact: true }).click()
    const dialog = this.dialog('Environments')
    await dialog.getByRole('button', { name: '+ New environment' }).click()
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill(name)
    for (const [key, value] of variables) {
      await dialog.getByRole('textbox', { name: 'Variable name' }).last().fill(key)
      await dialog.getByRole('textbox', { name: `Value of ${key}` }).fill(value)
      if (secret.includes(key)) await dialog.getByRole('checkbox', { name: `${key} is secret` }).check()
    }
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    // Saved when the button reads Save again (not Saving…) with nothing left to save: closing
    // sooner would ask to discard the edit on its way.
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled()
    await dialog.getByRole('button', { name: 'Close' }).click()
  }
}
