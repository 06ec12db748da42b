import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '../fixtures.js'

test('a form POST goes out urlencoded', async ({ requestEditor, responseViewer, target, shot }) => {
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(target.url('/form'))
  await requestEditor.chooseBody('Form')
  await requestEditor.keysIn('Form fields').last().fill('name')
  await requestEditor.valuesIn('Form fields').first().fill('Ada Lovelace')
  await requestEditor.keysIn('Form fields').last().fill('lang')
  await requestEditor.valuesIn('Form fields').nth(1).fill('en & fr')
  await shot('form-body')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const received = target.received.at(-1)!
  expect(received.headers['content-type']).toBe('application/x-www-form-urlencoded')
  expect(received.body).toBe('name=Ada+Lovelace&lang=en+%26+fr')
})

test('multipart with a file chosen in the file picker, a text field and a text sent as a file', async ({
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const path = join(tmpdir(), 'courier-e2e-avatar.png')
  writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3]))
  await requestEditor.setMethod('POST')
  await requestEditor.url().fill(target.url('/multipart'))
  await requestEditor.chooseBody('Multipart')

  await requestEditor.addTextPart().click()
  await requestEditor.partNames().nth(0).fill('title')
  await requestEditor.partValue('title').fill('Quarterly report')

  await requestEditor.addFilePart().click()
  await requestEditor.partNames().nth(1).fill('avatar')
  await requestEditor.partFile('avatar').setInputFiles(path)
  await expect(requestEditor.panelText('courier-e2e-avatar.png')).toBeVisible()

  await requestEditor.addTextPart().click()
  await requestEditor.partNames().nth(2).fill('report')
  await requestEditor.partValue('report').fill('some,data')
  await requestEditor.partOptions('report').click()
  await requestEditor.partFilename('report').fill('report.csv')
  await shot('multipart-body')

  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const received = target.received.at(-1)!
  const form = await new Response(new Uint8Array(received.raw), {
    headers: { 'content-type': String(received.headers['content-type']) },
  }).formData()
  expect(form.get('title')).toBe('Quarterly report')
  const avatar = form.get('avatar') as File
  expect([avatar.name, avatar.type, avatar.size]).toEqual(['courier-e2e-avatar.png', 'image/png', 11])
  const report = form.get('report') as File
  expect([report.name, await report.text()]).toEqual(['report.csv', 'some,data'])
})

test('a redirect chain is followed and its hops counted', async ({ requestEditor, responseViewer, target, shot }) => {
  await requestEditor.url().fill(target.url('/redirect/3'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.region()).toContainText('3 redirects')
  expect(target.received.slice(-4).map((r) => r.url)).toEqual(['/redirect/3', '/redirect/2', '/redirect/1', '/landed'])
  await shot('redirect-chain')
})

test('a cookie set by one request is sent by the next, and shows in the jar', async ({
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/cookies/set?flavour=oat'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')

  await requestEditor.url().fill(target.url('/cookies'))
  await requestEditor.openTab('Cookies')
  await expect(requestEditor.jarCookiesSent()).toContainText('flavour=oat')
  await requestEditor.requestCookies().fill('extra=1')
  await shot('request-cookies')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.headers.cookie).toBe('flavour=oat; extra=1')

  await requestEditor.manageJarButton().click()
  await expect(requestEditor.jarTable()).toContainText('flavour')
  await shot('cookie-jar')
  await requestEditor.deleteJarCookie('flavour').click()
  await expect(requestEditor.jarEmpty()).toBeVisible()
  await requestEditor.jarDone().click()
})

test('a total timeout set in the request Settings tab fires and says which timeout', async ({
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(target.url('/slow?ms=4000'))
  await requestEditor.openTab('Settings')
  await requestEditor.totalTimeout().fill('1')
  await shot('request-settings')
  await requestEditor.send()
  await expect(responseViewer.alert()).toContainText('REQUEST_TIMEOUT')
  await expect(responseViewer.alert()).toContainText('total timeout')
})

test('a custom method is sent exactly as typed', async ({ requestEditor, responseViewer, target }) => {
  await requestEditor.setMethod('PROPFIND')
  await requestEditor.url().fill(target.url('/dav/folder'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  expect(target.received.at(-1)!.method).toBe('PROPFIND')
})

test('headers in bulk, default headers removed, and the URL as it will be sent', async ({
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  await requestEditor.url().fill(`${target.url('/users/:id')}?q=a b`)
  await requestEditor.valuesIn('Path parameters').fill('42')
  await expect(requestEditor.finalUrl()).toContainText(`${target.url('/users/42')}?q=a%20b`)
  await requestEditor.openTab('Headers')
  await requestEditor.bulkEditButton().click()
  await requestEditor.bulkText('Headers').fill('X-Trace: abc\n//X-Off: 1\nAccept: application/json')
  await requestEditor.dropDefaultHeader('User-Agent').click()
  await shot('headers-bulk')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  const received = target.received.at(-1)!
  expect(received.url).toBe('/users/42?q=a%20b')
  expect(received.headers['x-trace']).toBe('abc')
  expect(received.headers['x-off']).toBeUndefined()
  expect(received.headers.accept).toBe('application/json')
  expect(received.headers['user-agent']).toBeUndefined()
})

test('global defaults are kept in Settings', async ({ app, workspace, shot }) => {
  await workspace.settingsButton().click()
  await expect(workspace.globalSetting('Total timeout')).toHaveValue('60')
  await workspace.globalSetting('Maximum redirects').fill('5')
  await shot('settings-dialog')
  await workspace.saveSettings().click()
  await expect(workspace.settingsDialog()).toBeHidden()
  await app.reload()
  await workspace.settingsButton().click()
  await expect(workspace.globalSetting('Maximum redirects')).toHaveValue('5')
})

test('the splitter moves with the keyboard, and at its limits the two panes still fill the window', async ({
  app,
  requestEditor,
  responseViewer,
}) => {
  const splitter = requestEditor.splitter()
  const request = requestEditor.region()
  await expect(requestEditor.url()).toBeVisible() // the editor has drawn; a fresh page may still be loading
  await expect(splitter).toHaveAttribute('aria-valuenow', '45')
  const before = (await request.boundingBox())!.height
  await splitter.focus()
  for (let i = 0; i < 12; i++) await splitter.press('ArrowDown')
  await expect(splitter).toHaveAttribute('aria-valuenow', '85')
  const [top, bar, bottom] = [
    (await request.boundingBox())!,
    (await splitter.boundingBox())!,
    (await responseViewer.region().boundingBox())!,
  ]
  expect(top.height).toBeGreaterThan(before)
  expect(bar.height).toBeLessThan(10) // no gap left in the splitter's row
  expect(Math.abs(bottom.y - (bar.y + bar.height))).toBeLessThan(1)
  expect(Math.abs(bottom.y + bottom.height - app.viewportSize()!.height)).toBeLessThan(1)
})
