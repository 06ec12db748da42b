import type { Page } from '@playwright/test'

/** The workspace kept as files: the top bar's Git button, the Git view, Settings' Workspace folder section. */
export class WorkspaceFilesPage {
  constructor(private readonly page: Page) {}

  readonly gitButton = () => this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Git/ })
  readonly view = () => this.page.getByRole('region', { name: 'Git' })
  readonly folder = () => this.view().getByLabel('Workspace folder')
  readonly branch = () => this.view().getByLabel('Branch')
  readonly changes = () => this.view().getByRole('list', { name: 'Changed files' })
  readonly change = (name: string | RegExp) => this.changes().getByRole('listitem').filter({ hasText: name })
  readonly openChange = (name: string) => this.changes().getByRole('button', { name: new RegExp(name) })
  readonly clean = () => this.view().getByText('The files match the last commit.')
  readonly problems = () => this.view().getByRole('region', { name: 'Files Courier cannot read' })
  readonly commitMessage = () => this.view().getByRole('textbox', { name: 'Commit message' })
  readonly commitButton = () => this.view().getByRole('button', { name: 'Commit', exact: true })
  readonly pullButton = () => this.view().getByRole('button', { name: 'Pull', exact: true })
  readonly pushButton = () => this.view().getByRole('button', { name: 'Push', exact: true })
  readonly initialise = () => this.view().getByRole('button', { name: 'Initialise git repository' })
  readonly output = () => this.view().getByRole('region', { name: 'Git output' })
  readonly back = () => this.view().getByRole('button', { name: 'Back to requests' })

  /** A tab's note that its request changed in the files under its edits. */
  readonly changedNote = () => this.page.getByRole('status').filter({ hasText: 'Changed in the workspace files' })
  readonly reloadTheirs = () => this.page.getByRole('button', { name: 'Reload theirs' })
  readonly keepMine = () => this.page.getByRole('button', { name: 'Keep mine' })

  readonly settingsButton = () => this.page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true })
  readonly settings = () => this.page.getByRole('dialog', { name: 'Settings' })
  readonly folderSection = () => this.settings().getByRole('region', { name: 'Workspace folder' })
  readonly folderField = () => this.folderSection().getByRole('textbox', { name: 'Workspace folder' })
  readonly keepFolder = () => this.folderSection().getByRole('button', { name: 'Keep workspace in this folder' })
  readonly stopFiles = () => this.folderSection().getByRole('button', { name: 'Stop keeping files' })
  readonly closeSettings = () => this.settings().getByRole('button', { name: 'Cancel', exact: true })

  async openGit() {
    await this.gitButton().click()
    await this.view().waitFor()
  }

  async openSettings() {
    await this.settingsButton().click()
    await this.folderSection().waitFor()
  }
}
