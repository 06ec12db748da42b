import { expect, test } from '../fixtures.js'
import { ExamplesPage } from '../pages/examples.page.js'
import { ImportExportPage } from '../pages/import-export.page.js'

/** A Postman v2.1 collection with one request and two saved examples, as Postman exports it. */
function collection(base: string) {
  const request = { method: 'GET', header: [], url: `${base}/echo?id=7` }
  return {
    info: {
      name: 'Parcels with examples',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [
      {
        name: 'Get order',
        request,
        response: [
          {
            name: 'Found',
            originalRequest: request,
            status: 'OK',
            code: 200,
            _postman_previewlanguage: 'json',
            header: [{ key: 'Content-Type', value: 'application/json' }],
            body: '{\n  "id": 7,\n  "state": "shipped"\n}',
          },
          {
            name: 'Missing',
            originalRequest: request,
            status: 'Not Found',
            code: 404,
            header: [{ key: 'Content-Type', value: 'text/plain' }],
            body: 'no order 7',
          },
        ],
      },
    ],
  }
}

test('a Postman collection’s saved examples show beside the request; a response saved as an example, renamed and kept after a reload', async ({
  app,
  requestEditor,
  responseViewer,
  workspace,
  target,
  shot,
}) => {
  const importer = new ImportExportPage(app)
  const examples = new ExamplesPage(app)
  await workspace.showCollections()
  // Exported by Postman on Windows: UTF-16 LE with a byte order mark, as newman reads it too.
  const text = JSON.stringify(collection(target.url('').replace(/\/$/, '')), null, 2)
  await importer.importButton().click()
  await importer.source('File').check()
  await importer.fileInput().setInputFiles({
    name: 'orders.postman_collection.json',
    mimeType: 'application/json',
    buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  })
  await expect(importer.report()).toContainText('Postman collection v2.1')
  await importer.confirmImport().click()
  await expect(importer.importDialog()).toBeHidden()
  await workspace.row('GET Get order').click()

  await expect(examples.tab()).toContainText('2')
  await examples.open()
  await expect(examples.items()).toHaveCount(2)
  await expect(examples.item('Found', 200)).toBeVisible()
  await expect(examples.item('Missing', 404)).toBeVisible()
  await expect(examples.status()).toHaveText('200 OK')
  await expect(examples.headers()).toContainText('application/json')
  expect(await examples.bodyText()).toContain('"state": "shipped"')
  await shot('examples-imported')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('examples-imported-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await examples.item('Missing', 404).click()
  await expect(examples.status()).toHaveText('404 Not Found')
  await expect.poll(() => examples.bodyText()).toContain('no order 7')
  await examples.remove().click()
  await expect(examples.items()).toHaveCount(1)

  // A response becomes an example.
  await requestEditor.send()
  await expect(responseViewer.status()).toContainText('200')
  await examples.saveAsExample().click()
  await expect(examples.items()).toHaveCount(2)
  await expect(examples.item('200 OK', 200)).toBeVisible()
  await examples.item('200 OK', 200).click()
  await expect(examples.headers()).toContainText('content-type')
  await expect.poll(() => examples.bodyText()).toMatch(/"path": ?"\/echo"/)
  await examples.rename().click()
  await examples.nameBox().fill('Live answer')
  await examples.saveName().click()
  await expect(examples.item('Live answer', 200)).toBeVisible()
  await shot('examples-saved-from-response')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('examples-saved-from-response-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Get order' })).not.toContainText('●')

  await app.reload()
  await workspace.showCollections()
  await workspace.row('GET Get order').click()
  await examples.open()
  await expect(examples.items()).toHaveCount(2)
  await expect(examples.item('Found', 200)).toBeVisible()
  await expect(examples.item('Live answer', 200)).toBeVisible()
  await expect(examples.item('Missing', 404)).toHaveCount(0)
})
