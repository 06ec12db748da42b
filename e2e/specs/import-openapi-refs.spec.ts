import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ImportExportPage } from '../pages/import-export.page.js'
import { expect, test } from '../fixtures.js'

/** DigitalOcean's spec split over 57 files (a trimmed copy of digitalocean/openapi, Apache-2.0). */
const doFolder = fileURLToPath(new URL('../../packages/shared/src/convert/fixtures/digitalocean', import.meta.url))

test('uploading a spec folder imports operations from its other files, with bodies and a report', async ({
  app,
  workspace,
  requestEditor,
  shot,
}) => {
  const page = new ImportExportPage(app)
  await workspace.showCollections()
  await page.importButton().click()
  await page.source('Folder or zip').check()
  await page.folderInput().setInputFiles(doFolder)
  await expect(page.chosenUpload()).toContainText('digitalocean/ · 57 files')
  await page.report().waitFor()
  await expect(page.report()).toContainText('OpenAPI 3.0.0')
  await expect(page.report()).toContainText('Will create 1 collection, 2 folders, 6 requests, 1 environment')
  await expect(page.report()).toContainText('extension x-codeSamples')
  await expect(page.report()).toContainText('links sshKeys_get_by_id')
  await expect(page.report()).not.toContainText('$ref')
  await shot('import-openapi-folder-report')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('import-openapi-folder-report-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await page.confirmImport().click()
  await expect(page.importDialog()).toBeHidden()
  await workspace.row('SSH Keys').click()
  await workspace.row('POST Create a New SSH Key').click()
  await expect(requestEditor.url()).toHaveValue('{{baseUrl}}/v2/account/keys')
  await requestEditor.openTab('Body')
  await expect(requestEditor.bodyType('JSON')).toBeChecked()
  await expect(requestEditor.jsonEditor()).toContainText('"public_key"')
  await shot('import-openapi-folder-body')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('import-openapi-folder-body-dark')
  await app.emulateMedia({ colorScheme: 'light' })
})

test('uploading a zip of a spec folder imports it; a missing file is named in the report', async ({
  app,
  workspace,
  shot,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'courier-e2e-zip-'))
  const zip = join(dir, 'digitalocean.zip')
  // Info-ZIP's zip, leaving out one file an operation refers to.
  execFileSync('zip', ['-qr', zip, '.', '-x', 'resources/ssh_keys/sshKeys_get.yml'], { cwd: doFolder })
  const page = new ImportExportPage(app)
  await workspace.showCollections()
  await page.importButton().click()
  await page.source('Folder or zip').check()
  await page
    .zipInput()
    .setInputFiles({ name: 'digitalocean.zip', mimeType: 'application/zip', buffer: readFileSync(zip) })
  await page.report().waitFor()
  await expect(page.report()).toContainText('Will create 1 collection, 2 folders, 6 requests, 1 environment')
  await expect(page.report()).toContainText('$ref “resources/ssh_keys/sshKeys_get.yml”')
  await expect(page.report()).toContainText('resources/ssh_keys/sshKeys_get.yml is not in the upload.')
  await shot('import-openapi-zip-missing-file')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('import-openapi-zip-missing-file-dark')
})
