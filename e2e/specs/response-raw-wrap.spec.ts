import { expect, test } from '../fixtures.js'

/** One line of about 3 600 characters (under the 4 000 at which the unwrapped view cuts), then a short one. */
const LONG_LINE = `${Array.from({ length: 400 }, (_, i) => `word${String(i).padStart(4, '0')}`).join(' ')} END`
const BODY = `${LONG_LINE}\nsecond line`

test('Raw wraps long lines at the view width when asked, and remembers it across a reload', async ({
  app,
  context,
  target,
  requestEditor,
  responseViewer,
  shot,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  target.files.set('/long-line.txt', { contentType: 'text/plain', body: BODY })
  const sendAndShowRaw = async () => {
    await requestEditor.url().fill(target.url('/long-line.txt'))
    await requestEditor.send()
    await expect(responseViewer.status()).toHaveText('200 OK')
    await responseViewer.view('Raw').check()
    await expect(responseViewer.rawBody()).toContainText('second line')
  }
  await sendAndShowRaw()

  // Off by default: the long line is one row that runs off to the right.
  await expect(responseViewer.wrapLines()).not.toBeChecked()
  let layout = await responseViewer.rawLayout()
  expect(layout).toMatchObject({ numbers: ['1', '2'], texts: [LONG_LINE, 'second line'], scrollsSideways: true })
  await shot('raw-unwrapped')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('raw-unwrapped-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await responseViewer.wrapLines().check()
  await expect.poll(async () => (await responseViewer.rawLayout()).texts.length).toBeGreaterThan(2)
  layout = await responseViewer.rawLayout()
  // The line reads on over several rows, numbered on its first only, and nothing scrolls sideways.
  expect(layout.scrollsSideways).toBe(false)
  expect(layout.texts.slice(0, -1).join('')).toBe(LONG_LINE)
  expect(layout.texts.at(-1)).toBe('second line')
  expect(layout.numbers).toEqual(['1', ...layout.texts.slice(2).map(() => ''), '2'])
  const rowsAtFullWidth = layout.texts.length

  // Copying a selection across wrapped rows gives the text as it is, with no line breaks of the wrap's.
  await responseViewer.selectRawRows(0, 2)
  await app.keyboard.press('Control+C')
  const copied = await app.evaluate(() => navigator.clipboard.readText())
  expect(copied.length).toBeGreaterThan(layout.texts[0]!.length + layout.texts[1]!.length)
  expect(copied).toBe(LONG_LINE.slice(0, copied.length))
  // A line that really ends still ends in what is copied: from the last rows of the long line into the next.
  await responseViewer.rawBody().evaluate((box) => (box.scrollTop = box.scrollHeight))
  const last = layout.texts.length - 1
  await responseViewer.selectRawRows(last - 2, last)
  await app.keyboard.press('Control+C')
  const across = await app.evaluate(() => navigator.clipboard.readText())
  expect(across.startsWith(`${layout.texts[last - 2]}${layout.texts[last - 1]}\nsec`), across).toBe(true)
  await responseViewer.rawBody().evaluate((box) => (box.scrollTop = 0))
  await app.mouse.click(5, 5)
  await shot('raw-wrapped')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('raw-wrapped-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  // A narrower window wraps again at the new width.
  await app.setViewportSize({ width: 1000, height: 840 })
  await expect.poll(async () => (await responseViewer.rawLayout()).texts.length).toBeGreaterThan(rowsAtFullWidth)
  layout = await responseViewer.rawLayout()
  expect(layout.scrollsSideways).toBe(false)
  expect(layout.texts.slice(0, -1).join('')).toBe(LONG_LINE)
  await app.setViewportSize({ width: 1360, height: 840 })

  // The choice is this browser's: it survives a reload.
  await app.reload()
  await sendAndShowRaw()
  await expect(responseViewer.wrapLines()).toBeChecked()
  await expect.poll(async () => (await responseViewer.rawLayout()).texts.length).toBe(rowsAtFullWidth)
  expect((await responseViewer.rawLayout()).scrollsSideways).toBe(false)

  await responseViewer.wrapLines().uncheck()
  await expect.poll(async () => (await responseViewer.rawLayout()).texts).toEqual([LONG_LINE, 'second line'])
  await app.reload()
  await sendAndShowRaw()
  await expect(responseViewer.wrapLines()).not.toBeChecked()
})

test('wrapping on, off or at another width keeps the line that was at the top of the view', async ({
  app,
  target,
  requestEditor,
  responseViewer,
}) => {
  // 5 000 lines of 300 characters, each starting with its own number: wrapped, each takes several rows.
  const lines = Array.from({ length: 5000 }, (_, i) => `L${String(i + 1).padStart(5, '0')} `.padEnd(300, 'abcdefghij '))
  target.files.set('/many-long-lines.txt', { contentType: 'text/plain', body: lines.join('\n') })
  await requestEditor.url().fill(target.url('/many-long-lines.txt'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await responseViewer.view('Raw').check()
  const raw = responseViewer.rawBody()
  await expect(raw).toContainText('L00001')
  const top = async () => (await responseViewer.rawLayout()).top

  // Line 2000 at the top (rows are 20 px).
  await raw.evaluate((box) => (box.scrollTop = 1999 * 20))
  await expect.poll(async () => (await top()).text.slice(0, 6)).toBe('L02000')
  await responseViewer.wrapLines().check()
  await expect.poll(async () => (await responseViewer.rawLayout()).scrollsSideways).toBe(false)
  await expect.poll(top).toEqual({ number: '2000', text: expect.stringMatching(/^L02000 /) as unknown as string })

  await app.setViewportSize({ width: 1000, height: 840 })
  await expect.poll(top).toEqual({ number: '2000', text: expect.stringMatching(/^L02000 /) as unknown as string })
  await app.setViewportSize({ width: 1360, height: 840 })

  await responseViewer.wrapLines().uncheck()
  await expect.poll(async () => (await responseViewer.rawLayout()).scrollsSideways).toBe(true)
  await expect.poll(top).toEqual({ number: '2000', text: lines[1999] })
})

test('a tab-separated line wraps where the tabs really reach, so nothing scrolls sideways', async ({
  target,
  requestEditor,
  responseViewer,
}) => {
  // Tabs are drawn up to the next stop of 8 columns: counted as one character each, rows would overflow.
  const row = Array.from({ length: 120 }, (_, i) => `c${i}\tv`).join('\t')
  target.files.set('/table.tsv', { contentType: 'text/tab-separated-values', body: `${row}\nend` })
  await requestEditor.url().fill(target.url('/table.tsv'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await responseViewer.view('Raw').check()
  await expect(responseViewer.rawBody()).toContainText('end')
  if (!(await responseViewer.wrapLines().isChecked())) await responseViewer.wrapLines().check()
  await expect.poll(async () => (await responseViewer.rawLayout()).texts.length).toBeGreaterThan(2)
  const layout = await responseViewer.rawLayout()
  expect(layout.texts.slice(0, -1).join('')).toBe(row)
  expect(layout.scrollsSideways).toBe(false)
})
