import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '../response-fixtures.js'

/** Two small upstreams of this spec: one that stalls mid-body, one that redirects to another origin. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const received: string[] = []
const landing = createServer((request, response) => {
  received.push(JSON.stringify(request.headers))
  response.setHeader('content-type', 'application/json')
  response.end('{"landed":true}')
})
const stalling = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000', 'x-marker': 'kept' })
  response.write('{"items":[1,2,3')
})
let landingUrl = ''
let stallingUrl = ''
const redirecting = createServer((_request, response) => {
  response.statusCode = 302
  response.setHeader('location', `${landingUrl}/land`)
  response.end()
})
let redirectingUrl = ''

test.beforeAll(async () => {
  landingUrl = await listen(landing)
  stallingUrl = await listen(stalling)
  redirectingUrl = await listen(redirecting)
})
test.afterAll(() => {
  for (const server of [landing, stalling, redirecting]) {
    server.closeAllConnections()
    server.close()
  }
})

test('a send that times out mid-body shows its status, headers and the part that arrived, marked partial', async ({
  app,
  requestEditor,
  responseViewer,
  shot,
}) => {
  await requestEditor.url().fill(`${stallingUrl}/slow`)
  await requestEditor.openTab('Settings')
  await app.getByLabel('Total timeout').fill('1')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.partialBadge()).toHaveText('Partial: total timeout')
  await expect(responseViewer.alert()).toContainText('arrived before it stopped')
  await expect(responseViewer.partialBodyNote()).toContainText('Only the first 15 B arrived before the total timeout')
  await shot('partial-response')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('partial-response-dark')
})

test('the Redirects tab says which secrets were kept from another origin', async ({
  app,
  requestEditor,
  responseViewer,
  shot,
}) => {
  await requestEditor.url().fill(`${redirectingUrl}/start`)
  await requestEditor.openTab('Headers')
  await requestEditor.keys().first().fill('X-Api-Key')
  await requestEditor.values().first().fill('key-e2e-1234')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(received.join('\n')).not.toContain('key-e2e-1234')
  await responseViewer.tab('Redirects').click()
  await expect(responseViewer.droppedNotes()).toHaveText(/X-Api-Key/)
  await shot('redirects-dropped')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('redirects-dropped-dark')
})

test('Settings has the concurrent sends limit', async ({ app, shot }) => {
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = app.getByRole('dialog', { name: 'Settings' })
  await expect(dialog.getByLabel('Concurrent sends')).toHaveValue('32')
  await shot('settings-send')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('settings-send-dark')
})
