import type { Page } from '@playwright/test'

/** The conflict dialog, a saved item's History (versions) and the sidebar's Trash. */
export class VersionsPage {
  constructor(private readonly page: Page) {}

  readonly conflictDialog = () => this.page.getByRole('dialog', { name: 'Resolve conflicting edits' })
  readonly conflictGroup = (label: string) => this.conflictDialog().getByRole('radiogroup', { name: label })
  readonly keepMine = (label: string) => this.conflictDialog().getByRole('radio', { name: `Keep mine: ${label}` })
  readonly keepTheirs = (label: string) => this.conflictDialog().getByRole('radio', { name: `Keep theirs: ${label}` })
  readonly conflictValue = (label: string, side: 'before' | 'theirs' | 'mine') =>
    this.conflictDialog().getByLabel(`${label}: ${side}`, { exact: true })
  readonly saveResolved = () => this.conflictDialog().getByRole('button', { name: 'Save with these choices' })
  readonly cancelConflict = () => this.conflictDialog().getByRole('button', { name: 'Cancel' })

  readonly historyDialog = (name: string) => this.page.getByRole('dialog', { name: `History of “${name}”` })
  readonly versionEntries = (name: string) =>
    this.historyDialog(name).getByRole('list', { name: 'Versions' }).getByRole('button')
  readonly differences = (name: string) =>
    this.historyDialog(name).getByRole('list', { name: 'Differences from the current version' })
  readonly restoreVersion = (name: string) =>
    this.historyDialog(name).getByRole('button', { name: 'Restore this version' })

  readonly trashTab = () => this.page.getByRole('tablist', { name: 'Sidebar' }).getByRole('tab', { name: 'Trash' })
  readonly trash = () => this.page.getByRole('region', { name: 'Trash' })
  readonly trashEntry = (label: string) => this.trash().getByRole('listitem', { name: label })
  readonly restoreFromTrash = (name: string) => this.trash().getByRole('button', { name: `Restore ${name}` })
  readonly trashStatus = () => this.trash().getByRole('status')
}
