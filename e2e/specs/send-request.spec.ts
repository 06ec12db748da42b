import { expect, test } from '../fixtures.js'

test('GET with params added in the table reaches the server and shows the JSON answer', async ({
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/search'))
  await requestEditor.addRow('q', 'red shoes')
  await requestEditor.addRow('tag', 'a')
  await requestEditor.addRow('tag', 'b')
  await expect(requestEditor.url()).toHaveValue(`${target.url('/search')}?q=red%20shoes&tag=a&tag=b`)

  await requestEditor.send()

  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.time()).toHaveText(/\d+(\.\d+)? (ms|s)/)
  await expect(responseViewer.size()).toHaveText(/\d+ B|KB/)
  await expect(responseViewer.prettyBody()).toContainText('"red shoes"')
  expect(target.received.at(-1)?.url).toBe('/search?q=red%20shoes&tag=a&tag=b')
  await shot('get-with-params')

  await responseViewer.tab('Headers').click()
  await expect(responseViewer.headersTable()).toContainText('content-type')
  await shot('response-headers')
})

test('URL typed with a query fills the params table', async ({ requestEditor }) => {
  await requestEditor.url().fill('http://127.0.0.1:1/x?a=1&a=2')
  await expect(requestEditor.keys()).toHaveCount(3) // two rows and the add row
  await expect(requestEditor.values().nth(1)).toHaveValue('2')
})

test('POST JSON typed into Monaco is sent as typed, with its content type', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(target.url('/items'))
  await requestEditor.typeJsonBody('{"name": "Ada", "tags": ["math", "engines"]}')
  await expect(requestEditor.jsonValid()).toBeVisible()
  await shot('post-json-editor')

  await app.keyboard.press('Control+Enter')

  await expect(responseViewer.status()).toHaveText('200 OK')
  const received = target.received.at(-1)!
  expect(received.method).toBe('POST')
  expect(received.headers['content-type']).toBe('application/json')
  expect(JSON.parse(received.body)).toEqual({ name: 'Ada', tags: ['math', 'engines'] })
  await expect(responseViewer.prettyBody()).toContainText('"engines"')
  await shot('post-json-response')
})

test('a PNG response is rendered as an image', async ({ requestEditor, responseViewer, target, shot }) => {
  await requestEditor.url().fill(target.url('/image.png'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const image = responseViewer.image()
  await expect(image).toBeVisible()
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24)
  await shot('png-preview')
})

test('a 404 from the target is shown as a response, not an error', async ({
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/status/404'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('404 Not Found')
  await expect(responseViewer.alert()).toHaveCount(0)
  await shot('not-found')
})

test('a refused connection is shown as an error alert with its code', async ({
  requestEditor,
  responseViewer,
  shot,
}) => {
  await requestEditor.url().fill('http://127.0.0.1:9/nothing-listens-here')
  await requestEditor.send()
  await expect(responseViewer.alert()).toContainText('UPSTREAM_CONNECTION_REFUSED')
  await expect(responseViewer.alert()).toContainText('refused the connection')
  await expect(responseViewer.status()).toHaveText('Failed')
  await shot('connection-refused')
})

test('invalid input is refused with an alert naming the field', async ({ requestEditor, responseViewer }) => {
  await requestEditor.setMethod('GET X')
  await expect(requestEditor.method()).toHaveValue('GETX') // spaces never get in
  await requestEditor.setMethod('GET')
  await requestEditor.url().fill('ftp://example.test/file')
  await requestEditor.send()
  await expect(responseViewer.alert()).toContainText('URL_SCHEME_UNSUPPORTED')
})

test('a slow request can be cancelled', async ({ requestEditor, responseViewer, target }) => {
  await requestEditor.url().fill(target.url('/slow?ms=10000'))
  await requestEditor.send()
  await expect(requestEditor.cancelButton()).toBeVisible()
  await expect(responseViewer.region()).toContainText('Sending…')
  await requestEditor.cancelButton().click()
  await expect(requestEditor.sendButton()).toBeVisible()
  await expect(responseViewer.region()).toContainText('Send a request')
})
