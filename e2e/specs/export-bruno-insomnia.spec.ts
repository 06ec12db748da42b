import { readFileSync } from 'node:fs'
import { ImportExportPage } from '../pages/import-export.page.js'
import { expect, test } from '../fixtures.js'

const shop = (base: string) => `openapi: 3.0.0
info:
  title: Bruno shop
  version: 1.0.0
servers:
  - url: ${base}/v1
paths:
  /pets:
    get:
      summary: List pets
      tags: [pets]
      responses: { '200': { description: ok } }
`

test('a collection exports as a Bruno zip and as Insomnia v5 YAML', async ({ app, workspace, target }) => {
  const page = new ImportExportPage(app)
  await workspace.showCollections()
  await page.importFile('bruno-shop.yaml', shop(target.url('').replace(/\/$/, '')))
  await page.confirmImport().click()
  await workspace.rowAction('Bruno shop', 'Export…')
  const dialog = page.exportDialog('Export “Bruno shop”')

  await page.exportFormat(dialog, /Bruno/).check()
  const zipDownload = app.waitForEvent('download')
  await page.exportButton(dialog).click()
  const zip = await zipDownload
  expect(zip.suggestedFilename()).toBe('Bruno-shop.bruno.zip')
  const bytes = readFileSync(await zip.path())
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
  // Zip entry names are stored as they are: the collection folder with its bruno.json and a .bru per request.
  expect(bytes.toString('latin1')).toContain('Bruno shop/bruno.json')
  expect(bytes.toString('latin1')).toContain('Bruno shop/pets/List pets.bru')
  await expect(page.exportStatus(dialog)).toContainText('Saved Bruno-shop.bruno.zip')

  await page.exportFormat(dialog, /Insomnia v5/).check()
  const yamlDownload = app.waitForEvent('download')
  await page.exportButton(dialog).click()
  const yaml = readFileSync(await (await yamlDownload).path(), 'utf8')
  expect(yaml).toMatch(/^type: collection\.insomnia\.rest\/5\.0\n/)
  expect(yaml).toContain('name: List pets')
})
