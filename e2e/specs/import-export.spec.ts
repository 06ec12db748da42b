import { readFileSync } from 'node:fs'
import { ImportExportPage } from '../pages/import-export.page.js'
import { expect, test } from '../fixtures.js'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const petstore = (base: string) => `openapi: 3.0.0
info:
  title: Pet shop
  version: 1.0.0
servers:
  - url: ${base}/v1
  - url: https://staging.example.com/v1
tags:
  - name: pets
    description: Everything about pets
paths:
  /pets:
    get:
      summary: List pets
      tags: [pets]
      parameters:
        - name: limit
          in: query
          required: true
          schema: { type: integer, example: 20 }
        - name: X-Request-Id
          in: header
          required: true
          schema: { type: string, example: abc-1 }
      responses: { '200': { description: ok } }
    post:
      summary: Add a pet
      tags: [pets]
      security: [{ key: [] }]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: { name: { type: string, example: Rex }, age: { type: integer } }
      responses: { '201': { description: created } }
      callbacks:
        onAdopted:
          '{$request.body#/callback}':
            post: { responses: { '200': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-API-Key }
`

test('pasting a cURL command into the URL field fills the whole editor', async ({
  app,
  workspace,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const page = new ImportExportPage(app)
  const command = `curl -X PUT '${target.url('/users/7')}?verbose=1&tag=a' \\\n  -H 'X-Trace: abc-123' \\\n  -H 'Content-Type: application/json' \\\n  -u alice:s3cret \\\n  --data-raw '{"name":"Ada"}'`
  await page.pasteIntoUrl(command)
  await expect(requestEditor.url()).toHaveValue(`${target.url('/users/7')}?verbose=1&tag=a`)
  await expect(requestEditor.method()).toHaveValue('PUT')
  await expect(workspace.toast()).toContainText('Filled in from the cURL command')
  await requestEditor.openTab('Headers')
  await expect(requestEditor.keys().first()).toHaveValue('X-Trace')
  await requestEditor.tab('Auth').click()
  await expect(requestEditor.authType()).toHaveValue('basic')
  await requestEditor.openTab('Body')
  await expect(requestEditor.bodyType('JSON')).toBeChecked()
  await shot('curl-paste-filled')
  const before = target.received.length
  await requestEditor.send()
  await expect(responseViewer.status()).toContainText('200')
  const received = target.received.slice(before).find((r) => r.url.startsWith('/users/7'))!
  expect(received).toMatchObject({ method: 'PUT', url: '/users/7?verbose=1&tag=a', body: '{"name":"Ada"}' })
  expect(received.headers['x-trace']).toBe('abc-123')
  expect(received.headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`)
})

test('importing an OpenAPI file shows a report, then one of its requests sends', async ({
  app,
  requestEditor,
  responseViewer,
  workspace,
  target,
  shot,
}) => {
  const page = new ImportExportPage(app)
  await workspace.showCollections()
  await page.importFile('petshop.yaml', petstore(target.url('').replace(/\/$/, '')))
  await expect(page.report()).toContainText('OpenAPI 3.0.0')
  await expect(page.report()).toContainText('Will create 1 collection, 1 folder, 2 requests')
  await expect(page.report()).toContainText('callback onAdopted')
  await expect(page.report()).toContainText('2 environments')
  await shot('import-openapi-report')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('import-openapi-report-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await page.confirmImport().click()
  await expect(page.importDialog()).toBeHidden()
  await expect(workspace.row('Pet shop')).toHaveAttribute('aria-expanded', 'true')
  await workspace.row('pets').click()
  await workspace.row('GET List pets').click()
  await expect(requestEditor.url()).toHaveValue('{{baseUrl}}/pets?limit=20')
  await shot('import-openapi-opened')
  const before = target.received.length
  await requestEditor.send()
  await expect(responseViewer.status()).toContainText('200')
  const received = target.received.slice(before)[0]!
  expect(received).toMatchObject({ method: 'GET', url: '/v1/pets?limit=20' })
  expect(received.headers['x-request-id']).toBe('abc-1')
})

test("a spec imports by URL, fetched by Courier's server; a URL that fails says why", async ({
  app,
  workspace,
  target,
  shot,
}) => {
  const page = new ImportExportPage(app)
  await workspace.showCollections()
  target.files.set('/specs/petshop.yaml', {
    contentType: 'application/yaml',
    body: petstore(target.url('').replace(/\/$/, '')).replace('title: Pet shop', 'title: Pet shop by URL'),
  })
  await page.importButton().click()
  await page.source('URL').check()
  await page.urlBox().fill(target.url('/status/404'))
  await page.previewButton().click()
  await expect(page.importAlert()).toContainText('IMPORT_FETCH_FAILED')
  await expect(page.importAlert()).toContainText('404')
  await shot('import-url-failed')
  await page.urlBox().fill(target.url('/specs/petshop.yaml'))
  await page.previewButton().click()
  await expect(page.report()).toContainText('OpenAPI 3.0.0')
  await expect(page.report()).toContainText('Will create 1 collection, 1 folder, 2 requests')
  await shot('import-url-report')
  await page.confirmImport().click()
  await expect(page.importDialog()).toBeHidden()
  await expect(workspace.row('Pet shop by URL')).toBeVisible()
  expect(target.received.some((r) => r.url === '/specs/petshop.yaml' && r.method === 'GET')).toBe(true)
})

test('pasting text in the Import dialog explains a file it does not recognise', async ({ app, workspace, shot }) => {
  const page = new ImportExportPage(app)
  await workspace.showCollections()
  await page.importButton().click()
  await page.pasteBox().fill('{"hello": "<img src=x onerror=alert(1)>"}')
  await page.previewButton().click()
  await expect(page.importAlert()).toContainText('IMPORT_FORMAT_UNKNOWN')
  await shot('import-unknown-format')
})

test('copy as Python: the code for the current request, copied to the clipboard', async ({
  app,
  requestEditor,
  target,
  shot,
}) => {
  const page = new ImportExportPage(app)
  await requestEditor.url().fill(`${target.url('/search')}?q=cats&page=2`)
  await requestEditor.setMethod('POST')
  await requestEditor.typeJsonBody('{"ok": true}')
  await page.codeButton().click()
  await page.language().selectOption('python-requests')
  await expect.poll(() => page.codeText()).toContain('requests.post(url')
  const code = await page.codeText()
  expect(code).toContain('params = {')
  expect(code).toContain('"ok": True,')
  await shot('copy-as-code-python')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('copy-as-code-python-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await page.copyButton().click()
  await expect(page.codeDialog()).toContainText('Copied to the clipboard.')
  const clipboard = await app.evaluate(() => navigator.clipboard.readText())
  expect(clipboard).toContain(`url = "${target.url('/search')}"`)
  expect(clipboard).toContain('json=payload')
  await page.language().selectOption('curl')
  await expect.poll(() => page.codeText()).toContain('curl')
  await shot('copy-as-code-curl')
})

test('a collection exports as Postman v2.1 and a folder menu offers Export…', async ({
  app,
  workspace,
  target,
  shot,
}) => {
  const page = new ImportExportPage(app)
  await workspace.showCollections()
  if (!(await workspace.row('Pet shop').isVisible())) {
    await page.importFile('petshop.yaml', petstore(target.url('').replace(/\/$/, '')))
    await page.confirmImport().click()
  }
  await workspace.rowAction('Pet shop', 'Export…')
  const dialog = page.exportDialog('Export “Pet shop”')
  await expect(page.exportFormat(dialog, /Postman v2\.1/)).toBeChecked()
  await shot('export-collection')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('export-collection-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  const download = app.waitForEvent('download')
  await page.exportButton(dialog).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('Pet-shop.postman_collection.json')
  const json = JSON.parse(readFileSync(await file.path(), 'utf8'))
  expect(json.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json')
  expect(json.item[0].name).toBe('pets')
  await expect(page.exportStatus(dialog)).toContainText('Saved Pet-shop.postman_collection.json')
})

test('history exports what the filters show, as HAR; the workspace exports as YAML from the palette', async ({
  app,
  requestEditor,
  responseViewer,
  history,
  target,
  shot,
}) => {
  const page = new ImportExportPage(app)
  const marked = `/status/404?mark=${Date.now()}`
  for (const path of [marked, '/export-me']) {
    await requestEditor.url().fill(target.url(path))
    await requestEditor.send()
    await expect(responseViewer.status()).toContainText(path === marked ? '404' : '200')
  }
  await history.show()
  await page.historyStatusFilter().selectOption('4xx')
  await page.exportHistoryButton().click()
  const dialog = page.exportDialog('Export history (4xx)')
  await page.exportFormat(dialog, /HAR 1\.2/).check()
  await shot('export-history')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('export-history-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  const download = app.waitForEvent('download')
  await page.exportButton(dialog).click()
  const har = JSON.parse(readFileSync(await (await download).path(), 'utf8'))
  type Entry = { request: { url: string }; response: { status: number } }
  // Exactly what the filtered list shows (other specs may have left 4xx entries in this server's history).
  expect(har.log.entries).toHaveLength(await history.entries().count())
  expect(har.log.entries.every((e: Entry) => e.response.status >= 400 && e.response.status < 500)).toBe(true)
  expect(har.log.entries.map((e: Entry) => e.request.url)).toContain(target.url(marked))
  expect(har.log.entries.map((e: Entry) => new URL(e.request.url).pathname)).not.toContain('/export-me')
  await page.closeExport(dialog).click()

  await app.keyboard.press('Control+K')
  await page.commandSearch().fill('Export workspace')
  await app.keyboard.press('Enter')
  const workspaceDialog = page.exportDialog('Export workspace')
  await expect(page.exportFormat(workspaceDialog, /Courier YAML/)).toBeChecked()
  await page.includeSecretsLabel(workspaceDialog).click()
  await expect(page.includeSecrets(workspaceDialog)).toBeChecked()
  await expect(workspaceDialog).toContainText('in clear text')
  await shot('export-workspace-secrets')
  const yaml = app.waitForEvent('download')
  await page.exportButton(workspaceDialog).click()
  expect((await yaml).suggestedFilename()).toBe('courier-workspace.yaml')
})
