import { expect, test } from '../response-fixtures.js'

test('a second send reuses the connection and Timing shows the phases of the send that opened it; Fresh connection opens one', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  // By name, so the send that opens the connection has a DNS phase to show.
  await requestEditor.url().fill(responseTarget.url('/books').replace('127.0.0.1', 'localhost'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')

  await responseViewer.tab('Timing').click()
  await expect(responseViewer.phaseRow(/Reused connection/)).toContainText('Opened by an earlier send')
  await expect(responseViewer.phaseRow(/Reused connection/)).toContainText(/TCP connect \d/)
  await expect(responseViewer.phase('TCP connect')).toHaveCount(0)
  await expect(responseViewer.phase('Waiting (time to first byte)')).toBeVisible()
  await shot('timing-reused-connection')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('timing-reused-connection-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await requestEditor.openTab('Settings')
  await requestEditor
    .settingChoice('Fresh connection')
    .selectOption({ label: 'On: a new connection, every phase measured' })
  await shot('request-settings-fresh-connection')
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await responseViewer.tab('Timing').click()
  await expect(responseViewer.phase('TCP connect')).toBeVisible()
  await expect(responseViewer.phase('Reused connection')).toHaveCount(0)
})
