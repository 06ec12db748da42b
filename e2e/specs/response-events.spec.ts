import { expect, test } from '../fixtures.js'

const STREAM =
  ': a comment\nretry: 2000\nid: 1\nevent: price\ndata: {"symbol":"YHOO","price":10.5,"tags":["nasdaq"]}\n\n' +
  'id: 2\ndata: YHOO\ndata: +2\ndata: 10\n\n' +
  'event: note\ndata: plain text, id kept from the last event\n\n'

test('a stored event stream opens as Events: id, event, retry and data, JSON pretty', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  target.files.set('/stream', { contentType: 'text/event-stream', body: STREAM })
  await requestEditor.url().fill(target.url('/stream'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.view('Events')).toBeChecked()
  const rows = responseViewer.eventsTable().getByRole('row')
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(1)).toContainText('price')
  await expect(rows.nth(1)).toContainText('2000')
  await expect(rows.nth(1)).toContainText('"symbol": "YHOO"')
  await expect(rows.nth(2)).toContainText('YHOO\n+2\n10')
  await expect(rows.nth(3)).toContainText('note')
  await shot('response-events')
  await app.emulateMedia({ colorScheme: 'dark' })
  await rows.nth(3).scrollIntoViewIfNeeded()
  await expect(rows.nth(3)).toBeInViewport()
  await shot('response-events-dark')

  await responseViewer.view('Raw').check()
  await expect(responseViewer.rawBody()).toContainText('event: price')
})
