import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CourierServer } from '../courier-server.js'
import { expect, screensDir, signInState, test as base } from '../fixtures.js'
import { RequestEditorPage } from '../pages/request-editor.page.js'
import { WorkspaceFilesPage } from '../pages/workspace-files.page.js'
import { WorkspacePage } from '../pages/workspace.page.js'
import { filesHolding, git, WorkspaceServer } from '../workspace-server.js'

/**
 * A workspace kept as files in a git repository (issue 19), on a `courier serve --workspace DIR` of
 * this spec's own (its data folder, a fresh repository), so no other spec's server or state is touched.
 */
const test = base.extend<{ files: WorkspaceFilesPage }, { filesWorkspace: WorkspaceServer }>({
  filesWorkspace: [
    async ({}, use) => {
      const workspace = await WorkspaceServer.start('courier-e2e-files-')
      await use(workspace)
      await workspace.dispose()
    },
    { scope: 'worker' },
  ],
  courier: [async ({ filesWorkspace }, use) => use(filesWorkspace.server), { scope: 'worker' }],
  files: async ({ app }, use) => use(new WorkspaceFilesPage(app)),
})

const unique = () => Math.random().toString(36).slice(2, 7)
const status = (workspace: WorkspaceServer) => workspace.git('status', '--porcelain', '--untracked-files=all')

/** The one file of the workspace holding `marker`, once Courier has written it. */
async function fileHolding(workspace: WorkspaceServer, marker: string): Promise<string> {
  await expect.poll(() => filesHolding(workspace.dir, marker), { message: `a file holding ${marker}` }).toHaveLength(1)
  return join(workspace.dir, (await filesHolding(workspace.dir, marker))[0]!)
}

async function replaceInFile(path: string, from: string, to: string) {
  const text = await readFile(path, 'utf8')
  expect(text).toContain(from)
  await writeFile(path, text.replace(from, to))
}

async function newSavedRequest(
  workspace: WorkspacePage,
  editor: RequestEditorPage,
  collection: string,
  name: string,
  url: string,
  { create = true } = {},
) {
  if (create) await workspace.newCollection(collection)
  await workspace.rowAction(collection, 'New request')
  await workspace.renameAndWait(name)
  await editor.url().fill(url)
  await editor.url().press('Control+s')
  await expect(workspace.tabs().filter({ hasText: name })).not.toContainText('●')
}

test('files: a request saved in Courier shows as a changed file, in words and in git status; Commit commits and the view is clean', async ({
  app,
  workspace,
  requestEditor,
  files,
  filesWorkspace,
  shot,
}) => {
  const collection = `Files shop ${unique()}`
  const url = `http://files.test/orders-${unique()}`
  await workspace.showCollections()
  await newSavedRequest(workspace, requestEditor, collection, 'List orders', url)

  // The top bar's Git button: the branch and how many files changed.
  await expect(files.gitButton()).toHaveText(/^Git\s*main · \d+$/)
  await files.openGit()
  await expect(files.folder()).toHaveText(filesWorkspace.dir)
  await expect(files.branch()).toContainText('main')
  await expect(files.change(/List orders/)).toContainText(/list-orders\.yaml/)
  await expect.poll(() => status(filesWorkspace)).toMatch(/^\?\? collections\/.+\/list-orders\.yaml$/m)

  // Commit from the UI (Ctrl+Enter in the message): a real commit, and nothing left to commit.
  await expect(files.commitButton()).toBeDisabled()
  await files.commitMessage().fill('Add the shop collection')
  await expect(files.commitButton()).toBeEnabled()
  await files.commitMessage().press('Control+Enter')
  await expect(files.clean()).toBeVisible()
  await expect(files.output()).toBeVisible()
  await expect(files.commitButton()).toBeDisabled()
  expect(await filesWorkspace.git('log', '--format=%s')).toContain('Add the shop collection')
  expect(await status(filesWorkspace)).toBe('')
  await expect(files.gitButton()).toHaveText(/^Git\s*main$/)
  await shot('workspace-files-git-clean')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('workspace-files-git-clean-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // A header added and saved: the file is modified, and the view says what changed in words.
  await files.back().click()
  await requestEditor.openTab('Headers')
  await requestEditor.bulkEditButton().click()
  await requestEditor.bulkText('Headers').fill('X-Api-Key: {{apiKey}}')
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'List orders' })).not.toContainText('●')
  await expect(files.gitButton()).toHaveText(/^Git\s*main · 1$/, { timeout: 1500 })
  await files.openGit()
  await expect(files.change(/List orders/)).toContainText('modified')
  await expect(files.change(/List orders/)).toContainText('header X-Api-Key added')
  await expect.poll(() => status(filesWorkspace)).toMatch(/^ M collections\/.+\/list-orders\.yaml$/m)
  await shot('workspace-files-git-changes')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('workspace-files-git-changes-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // A request's row opens it in a tab; then the Commit button commits it.
  await files.openChange('List orders').click()
  await expect(files.view()).toBeHidden()
  await expect(requestEditor.url()).toHaveValue(url)
  await files.openGit()
  await files.commitMessage().fill('Send the API key')
  await files.commitButton().click()
  await expect(files.clean()).toBeVisible()
  expect(await filesWorkspace.git('log', '-1', '--format=%s')).toBe('Send the API key\n')

  // Push with no remote: git's failure is shown as the server's sentence, with its code.
  await files.pushButton().click()
  await expect(files.view().getByRole('alert')).toContainText('GIT_FAILED')
  await expect(files.view().getByRole('alert')).toContainText('git push')
})

test('files: another program’s change to a request file shows in its open tab; under edits it offers the choice; a branch switch is live', async ({
  app,
  workspace,
  requestEditor,
  files,
  filesWorkspace,
}) => {
  const base = `http://files.test/order-${unique()}`
  await workspace.showCollections()
  await newSavedRequest(workspace, requestEditor, `Files orders ${unique()}`, 'Get order', base)
  const path = await fileHolding(filesWorkspace, base)
  await filesWorkspace.git('add', '-A')
  await filesWorkspace.git('commit', '--quiet', '-m', 'Get order')

  // Written by another program while the tab is open and unedited: the tab follows, no reload.
  await replaceInFile(path, base, `${base}/edited`)
  await expect(requestEditor.url()).toHaveValue(`${base}/edited`)

  // With edits of its own the tab keeps them, marked, with the choice.
  await requestEditor.url().fill(`${base}?mine=1`)
  await replaceInFile(path, `${base}/edited`, `${base}/theirs`)
  await expect(files.changedNote()).toBeVisible()
  await expect(workspace.tabs().filter({ hasText: 'Get order' })).toHaveAccessibleName(/Changed in the workspace files/)
  await expect(requestEditor.url()).toHaveValue(`${base}?mine=1`)
  await app.screenshot({ path: join(screensDir, 'workspace-files-conflict.png') })
  await files.reloadTheirs().click()
  await expect(requestEditor.url()).toHaveValue(`${base}/theirs`)
  await expect(files.changedNote()).toHaveCount(0)

  // A branch that changes the request: checking it out (and back) shows in the open tab.
  const branch = `files-other-${unique()}`
  await filesWorkspace.git('commit', '--quiet', '-am', 'Theirs')
  await filesWorkspace.git('checkout', '--quiet', '-b', branch)
  await replaceInFile(path, `${base}/theirs`, `${base}/on-branch`)
  await filesWorkspace.git('commit', '--quiet', '-am', 'On the branch')
  await expect(requestEditor.url()).toHaveValue(`${base}/on-branch`)
  await filesWorkspace.git('checkout', '--quiet', 'main')
  await expect(requestEditor.url()).toHaveValue(`${base}/theirs`)
  await expect(files.gitButton()).toHaveText(/^Git\s*main/)
  await filesWorkspace.git('checkout', '--quiet', branch)
  await expect(requestEditor.url()).toHaveValue(`${base}/on-branch`)
  await expect(files.gitButton()).toHaveText(new RegExp(`^Git\\s*${branch}`))
  await filesWorkspace.git('checkout', '--quiet', 'main')
  await expect(requestEditor.url()).toHaveValue(`${base}/theirs`)
})

test('files: a file Courier cannot read is shown with its error and never overwritten', async ({
  app,
  workspace,
  requestEditor,
  files,
  filesWorkspace,
  shot,
}) => {
  const broken = `http://files.test/broken-${unique()}`
  const fine = `http://files.test/fine-${unique()}`
  await workspace.showCollections()
  await newSavedRequest(workspace, requestEditor, `Files unreadable ${unique()}`, 'Broken one', broken)
  await newSavedRequest(workspace, requestEditor, `Files readable ${unique()}`, 'Still fine', fine)
  const brokenPath = await fileHolding(filesWorkspace, broken)
  const finePath = await fileHolding(filesWorkspace, fine)
  const good = await readFile(brokenPath, 'utf8')
  const bad = `${good}\nurl: [this list never closes\n`
  await writeFile(brokenPath, bad)

  await files.openGit()
  const relativePath = brokenPath.slice(filesWorkspace.dir.length + 1)
  await expect(files.problems()).toContainText(relativePath)
  await expect(files.problems()).toContainText(/The YAML cannot be read at line \d+/)
  await expect(files.gitButton()).toContainText('1 unreadable')
  await expect(files.problems()).toContainText('Courier will not overwrite these files until they read again.')
  await shot('workspace-files-git-problem')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('workspace-files-git-problem-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // Saved in Courier, the request of the unreadable file leaves it as it is; a save elsewhere, after
  // it, is written (so the sync has run past it).
  await files.back().click()
  await workspace.row(/Broken one/).click()
  await requestEditor.url().fill(`${broken}/saved`)
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Broken one' })).not.toContainText('●')
  await workspace.row(/Still fine/).click()
  await requestEditor.url().fill(`${fine}/saved`)
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Still fine' })).not.toContainText('●')
  await expect.poll(() => readFile(finePath, 'utf8')).toContain(`${fine}/saved`)
  expect(await readFile(brokenPath, 'utf8')).toBe(bad)

  await files.openGit()
  await expect(files.problems()).toContainText(relativePath)

  // Mended by hand: it reads again and the problem goes.
  await writeFile(brokenPath, good)
  await expect(files.problems()).toHaveCount(0)
  await expect(files.change(/Still fine/)).toBeVisible()
})

test('files: Settings shows a folder set by --workspace read-only; on a server without it, a folder is chosen, initialised as a repository and let go', async ({
  browser,
  files,
  filesWorkspace,
  shot,
}) => {
  await files.openSettings()
  await expect(files.folderSection()).toContainText('set by --workspace')
  await expect(files.folderSection()).toContainText(filesWorkspace.dir)
  await expect(files.folderField()).toHaveCount(0)
  await files.folderSection().scrollIntoViewIfNeeded()
  await shot('workspace-files-settings-flag')
  await files.closeSettings().click()

  // A second server of this spec's own, started without --workspace, and a second folder.
  const plain = new CourierServer()
  // Not a repository yet: the Git view offers to initialise one.
  const second = mkdtempSync(join(tmpdir(), 'courier-e2e-files-second-'))
  await plain.start()
  const context = await browser.newContext({ storageState: await signInState(browser, plain.loginUrl, plain.url) })
  try {
    const page = await context.newPage()
    const other = new WorkspaceFilesPage(page)
    const otherWorkspace = new WorkspacePage(page)
    await page.goto(plain.url)
    await otherWorkspace.showCollections()
    const collection = `Files second ${unique()}`
    await otherWorkspace.newCollection(collection)
    await expect(otherWorkspace.row(collection)).toBeVisible()
    await expect(other.gitButton()).toHaveCount(0)

    await other.openSettings()
    await other.folderField().fill('not/absolute')
    await other.keepFolder().click()
    await expect(other.folderSection().getByRole('alert')).toContainText('WORKSPACE_FOLDER_INVALID')
    await other.folderField().fill(second)
    await other.keepFolder().click()
    await expect(other.stopFiles()).toBeVisible()
    await expect(other.gitButton()).toBeVisible()
    await expect.poll(() => filesHolding(second, collection)).not.toHaveLength(0)
    await other.folderSection().scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(screensDir, 'workspace-files-settings.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(screensDir, 'workspace-files-settings-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    await other.closeSettings().click()

    await other.openGit()
    await expect(other.view()).toContainText('This folder is not in a git repository yet.')
    await other.initialise().click()
    await expect(other.output()).toContainText(/Initiali[sz]ed empty Git repository/)
    await expect(other.change(new RegExp(collection))).toContainText('untracked')
    await expect.poll(() => git(second, 'status', '--porcelain', '--untracked-files=all')).toContain('collections/')
    await other.back().click()

    await other.openSettings()
    await other.stopFiles().click()
    await expect(other.stopFiles()).toHaveCount(0)
    await expect(other.gitButton()).toHaveCount(0)
  } finally {
    await context.close()
    await plain.dispose()
    rmSync(second, { recursive: true, force: true })
  }
})
