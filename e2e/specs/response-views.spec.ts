import { readFileSync } from 'node:fs'
import { BINARY } from '../response-target.js'
import { expect, test } from '../response-fixtures.js'

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
})

test('the status line and the Timing tab show every phase, and Courier overhead apart', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  // By name, so the DNS phase is real.
  await requestEditor.url().fill(responseTarget.url('/books').replace('127.0.0.1', 'localhost'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.httpVersion()).toHaveText('HTTP/1.1')
  await expect(responseViewer.size()).toHaveText(/\d+ B/)
  await expect(responseViewer.wireSize()).toHaveText(/\d+ B on the wire/)
  await expect(responseViewer.headersSize()).toHaveText(/\d+ B headers/)

  await responseViewer.tab('Timing').click()
  for (const phase of [
    'DNS lookup',
    'TCP connect',
    'Sending request',
    'Waiting (time to first byte)',
    'Download',
    'Upstream',
    'Courier overhead',
  ]) {
    await expect(responseViewer.phase(phase)).toBeVisible()
  }
  await expect(responseViewer.phaseRow(/Courier overhead/)).toContainText(/\d+(\.\d+)? ms/)
  await expect(responseViewer.phaseRow(/TLS handshake/)).toContainText('plain HTTP')
  await shot('timing-waterfall')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('timing-waterfall-dark')
})

test('the Redirects tab lists every hop with its status and Location, and Timing draws each hop', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/redirect/3'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await responseViewer.tab('Redirects').click()
  const hops = responseViewer.hops()
  await expect(hops).toHaveCount(4)
  await expect(hops.nth(0)).toContainText('301 Moved Permanently')
  await expect(hops.nth(0)).toContainText('Location: /redirect/2')
  await expect(hops.nth(2)).toContainText('302 Found')
  await expect(hops.nth(2)).toContainText('Location: /landing?from=redirects')
  await expect(hops.nth(3)).toContainText(responseTarget.url('/landing?from=redirects'))
  await responseViewer.hopHeadersToggle(0).click()
  await expect(responseViewer.hopHeaders(0)).toContainText('hop3=seen')
  await shot('redirects-tab')

  await responseViewer.tab('Timing').click()
  await expect(responseViewer.waterfall()).toContainText('Hop 1 · GET')
  await expect(responseViewer.waterfall()).toContainText('Final · GET')
  await expect(responseViewer.phase('Waiting (time to first byte)')).toHaveCount(4)
  await shot('timing-with-redirects')
  await app.emulateMedia({ colorScheme: 'dark' })
  await responseViewer.tab('Redirects').click()
  await shot('redirects-tab-dark')
})

test('the Cookies tab parses every Set-Cookie into its attributes', async ({
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/cookies'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await responseViewer.tab('Cookies').click()
  const rows = responseViewer.cookieRows()
  await expect(rows).toHaveCount(4) // header + 3
  const session = rows.filter({ hasText: 'session' })
  await expect(session).toContainText('abc123')
  await expect(session).toContainText('Secure')
  await expect(session).toContainText('HttpOnly')
  await expect(session).toContainText(/SameSite=strict/i)
  await expect(rows.filter({ hasText: 'theme' })).toContainText('/settings')
  await expect(rows.filter({ hasText: 'theme' })).toContainText('in 3600 s (Max-Age)')
  await expect(rows.filter({ hasText: 'tracker' })).toContainText('Deleted')
  await shot('cookies-tab')
})

test('the Request tab shows exactly what was sent: final URL, every header, the body', async ({
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(`${responseTarget.url('/books')}?q=red shoes&tag=a`)
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await responseViewer.tab('Request').click()
  await expect(responseViewer.finalUrl()).toHaveText(`${responseTarget.url('/books')}?q=red%20shoes&tag=a`)
  await expect(responseViewer.sentHeader(/host/i)).toContainText(`127.0.0.1:${responseTarget.port}`)
  await expect(responseViewer.sentHeader(/user-agent/i)).toContainText('Courier')
  await expect(responseViewer.region()).toContainText('No body was sent.')
  await shot('request-as-sent')
})

test('Headers are searchable, explained on hover and copyable', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/catalog?page=2'))
  await requestEditor.send()
  await responseViewer.tab('Headers').click()
  await responseViewer.headerSearch().fill('ratelimit')
  await expect(responseViewer.headerRows()).toHaveCount(4) // header row + 3
  await expect(responseViewer.headerName('X-RateLimit-Remaining')).toHaveAttribute(
    'title',
    'Requests left in the current window.',
  )
  await responseViewer.copyHeader('X-RateLimit-Limit').click()
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('X-RateLimit-Limit: 60')
  await shot('headers-search')
})

test('Link pagination and rate limits are summarised above the tabs', async ({
  responseViewer,
  requestEditor,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/catalog?page=2'))
  await requestEditor.send()
  await expect(responseViewer.pagination()).toContainText('Previous')
  await expect(responseViewer.pagination()).toContainText('Last')
  await expect(responseViewer.sendNextPage()).toHaveAttribute('title', responseTarget.url('/catalog?page=3'))
  await expect(responseViewer.rateLimit()).toContainText('58 of 60 left')
  await expect(responseViewer.rateLimit()).toContainText(/resets in (29|30) min/)
  await shot('api-helpers')
})

test('images are previewed, SVG included', async ({ requestEditor, responseViewer, responseTarget, shot }) => {
  await requestEditor.url().fill(responseTarget.url('/logo.svg'))
  await requestEditor.send()
  await responseViewer.view('Preview').check()
  await expect.poll(() => responseViewer.image().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64)
  await shot('svg-preview')

  await requestEditor.url().fill(responseTarget.url('/photo.png'))
  await requestEditor.send()
  await expect(responseViewer.view('Preview')).toBeChecked()
  await expect.poll(() => responseViewer.image().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24)
})

test('HTML is previewed in a sandbox whose script cannot touch the page', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  const title = await app.title()
  await requestEditor.url().fill(responseTarget.url('/page.html'))
  await requestEditor.send()
  await responseViewer.view('Preview').check()
  const frame = responseViewer.htmlPreview()
  await expect(frame).toHaveAttribute('sandbox', '')
  await expect(responseViewer.htmlPreviewHeading('Hello from the preview')).toBeVisible()
  await expect(responseViewer.htmlPreviewState()).toHaveText('script did not run')
  expect(await app.title()).toBe(title)
  expect(await app.evaluate(() => document.body.dataset.pwned ?? null)).toBeNull()
  expect(app.url()).not.toContain('pwned')
  await shot('html-preview')
})

test('XML is pretty-printed', async ({ requestEditor, responseViewer, responseTarget }) => {
  await requestEditor.url().fill(responseTarget.url('/feed.xml'))
  await requestEditor.send()
  await expect(responseViewer.prettyBody()).toContainText('<entry id="1">')
  await expect(responseViewer.prettyLine('<title>First</title>')).toHaveCount(1)
})

test('the JSONPath filter narrows Pretty and Tree to the matches', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/books'))
  await requestEditor.send()
  await expect(responseViewer.prettyBody()).toContainText('Sayings of the Century')
  await responseViewer.filter().fill('$.store.books[?@.price > 10].title')
  await responseViewer.filter().press('Enter')
  await expect(responseViewer.filterResult()).toHaveText('2 matches')
  await expect(responseViewer.prettyBody()).toContainText('"Sword of Honour"')
  await expect(responseViewer.prettyBody()).toContainText('"The Lord of the Rings"')
  await expect(responseViewer.prettyBody()).not.toContainText('Sayings of the Century')
  await shot('jsonpath-filter')

  await responseViewer.view('Tree').check()
  await expect(responseViewer.treeItems()).toHaveCount(3)
  await responseViewer.filter().fill('$.store[')
  await responseViewer.filter().press('Enter')
  await expect(responseViewer.filterResult()).not.toHaveText(/match/)
  await expect(responseViewer.filter()).toHaveAttribute('aria-invalid', 'true')
  await responseViewer.filter().press('Escape')
  await expect(responseViewer.filterResult()).toHaveText('')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('jsonpath-invalid-cleared-dark')
})

test('the Tree expands and collapses and copies paths and values', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/books'))
  await requestEditor.send()
  await responseViewer.view('Tree').check()
  await expect(responseViewer.tree()).toContainText('Moby Dick') // small bodies open fully
  await responseViewer.collapse('books').click()
  await expect(responseViewer.tree()).not.toContainText('Moby Dick')
  await responseViewer.expand('books').click()
  await expect(responseViewer.treeItem('[2]')).toHaveAttribute('aria-expanded', 'false')
  await expect(responseViewer.treeItem('[2]')).toContainText('title: "Moby Dick"') // a closed object previews its fields
  await responseViewer.expand('[2]').click()
  const title = responseViewer.treeItem('title').filter({ hasText: 'Moby Dick' })
  await expect(title).toBeVisible()
  await title.hover()
  await responseViewer.copyPath(title, 'title').click()
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('$.store.books[2].title')
  const item = responseViewer.treeItem('[2]')
  await item.hover()
  await responseViewer.copyValue(item, '[2]').click()
  await expect
    .poll(async () => {
      // Until the copy lands, the clipboard still holds the path copied before it (not JSON).
      const copied = await app.evaluate(() => navigator.clipboard.readText())
      try {
        return JSON.parse(copied) as unknown
      } catch {
        return copied
      }
    })
    .toEqual({ title: 'Moby Dick', price: 8.99, tags: ['fiction', 'sea'] })
  await shot('tree-view')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('tree-view-dark')
})

test('a binary body shows a hex dump and downloads byte for byte', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/firmware'))
  await requestEditor.send()
  await expect(responseViewer.view('Hex')).toBeChecked()
  await expect(responseViewer.hexDump()).toContainText('00000000  00 25 4a 6f')
  await shot('hex-view')
  const [download] = await Promise.all([app.waitForEvent('download'), responseViewer.download().click()])
  expect(download.suggestedFilename()).toBe('firmware-v2.bin')
  const saved = readFileSync(await download.path())
  expect(saved.length).toBe(BINARY.length)
  expect(Buffer.compare(saved, BINARY)).toBe(0)
})

test('a PDF is previewed from a blob of its own type', async ({
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  await requestEditor.url().fill(responseTarget.url('/report.pdf'))
  await requestEditor.send()
  await expect(responseViewer.view('Preview')).toBeChecked()
  // A blob the page made with type application/pdf: the bytes can only ever open as a PDF.
  await expect(responseViewer.pdfPreview()).toHaveAttribute('src', /^blob:http:\/\/127\.0\.0\.1:\d+\//)
  await expect(responseViewer.pdfPreview()).not.toHaveAttribute('sandbox')
  await responseViewer.waitForPdf()
  await shot('pdf-preview')
})
