import { expect, type Page } from '@playwright/test'

/** Team mode in the app: the Workspace switcher in the top bar and the Members dialog behind it. */
export class TeamPage {
  constructor(private readonly page: Page) {}

  readonly switcher = () => this.page.getByRole('combobox', { name: 'Workspace' })
  readonly membersButton = () => this.page.getByRole('button', { name: 'Members', exact: true })
  readonly membersDialog = (workspace: string) => this.page.getByRole('dialog', { name: `Members of ${workspace}` })
  readonly inviteRole = (workspace: string) =>
    this.membersDialog(workspace).getByRole('combobox', { name: 'Role for the invitation' })
  readonly createInvitation = (workspace: string) =>
    this.membersDialog(workspace).getByRole('button', { name: 'Create invitation link' })
  readonly invitationLink = (workspace: string) =>
    this.membersDialog(workspace).getByRole('textbox', { name: 'Invitation link' })
  readonly memberRow = (workspace: string, name: string) =>
    this.membersDialog(workspace).getByRole('row').filter({ hasText: name })
  readonly closeMembers = (workspace: string) => this.membersDialog(workspace).getByRole('button', { name: 'Close' })

  /** Switches to the workspace of that name (the page starts over in it) and waits until it shows. */
  async switchTo(name: string) {
    await this.switcher().selectOption({ label: name })
    await expect(this.switcher().locator('option:checked')).toHaveText(name)
  }

  /** As an owner or admin: opens Members and answers a fresh invitation link for `role`. */
  async invite(workspace: string, role: 'admin' | 'editor' | 'viewer'): Promise<string> {
    await this.membersButton().click()
    await this.inviteRole(workspace).selectOption(role)
    const created = this.page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && /\/api\/workspaces\/[^/]+\/invitations$/.test(response.url()),
    )
    await this.createInvitation(workspace).click()
    const { path } = (await (await created).json()) as { path: string }
    const link = this.invitationLink(workspace)
    await expect(link).toHaveValue(new URL(path, this.page.url()).toString())
    return link.inputValue()
  }
}
