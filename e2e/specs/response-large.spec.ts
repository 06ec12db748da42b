import type { Page } from '@playwright/test'
import { expect, test } from '../response-fixtures.js'

/** Starts recording main-thread tasks over 50 ms (the Long Tasks API) in the page. */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const tasks: { start: number; duration: number }[] = []
    ;(window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        tasks.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration) })
    }).observe({ type: 'longtask', buffered: false })
  })
}

const longTasks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.slice())
const pageNow = (page: Page) => page.evaluate(() => Math.round(performance.now()))

test('a 50 MB JSON response renders while the page stays responsive', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot: takeShot,
}) => {
  test.setTimeout(240_000)
  const marks: [string, number][] = []
  // Capturing a screenshot is itself a long task in the page; those windows are reported apart.
  const shot = async (name: string) => {
    const step = marks.at(-1)?.[0] ?? ''
    marks.push([`screenshot`, await pageNow(app)])
    await takeShot(name)
    marks.push([step, await pageNow(app)])
  }
  const body = responseTarget.json(50)
  await requestEditor.url().fill(responseTarget.url('/large-50.json'))
  await watchLongTasks(app)

  marks.push(['send', await pageNow(app)])
  const started = Date.now()
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK', { timeout: 60_000 })
  const arrived = Date.now()
  marks.push(['response', await pageNow(app)])
  // First useful view of a large JSON body: the tree, ready once the worker has parsed it.
  await expect(responseViewer.treeItem('[0]')).toBeVisible({ timeout: 60_000 })
  const firstView = Date.now()
  marks.push(['tree shown', await pageNow(app)])
  await shot('large-json-tree')

  // Pretty: written out in the worker on first use, then drawn as virtual lines.
  await responseViewer.view('Pretty').check()
  await expect(responseViewer.prettyLines()).toContainText('"name": "item 0"', { timeout: 60_000 })
  const prettyShown = Date.now()
  marks.push(['pretty shown', await pageNow(app)])
  await shot('large-json-pretty')
  const lines = responseViewer.prettyLines()
  await lines.evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
  await expect(lines).toContainText(/"id": \d{5,}/)
  // The very end stays reachable, however many lines the scrollbar has to cover.
  const lastId = (JSON.parse(body.toString()) as { id: number }[]).at(-1)!.id
  await lines.evaluate((element) => (element.scrollTop = element.scrollHeight))
  await expect(lines).toContainText(`"id": ${lastId},`)
  await lines.evaluate((element) => (element.scrollTop = 0))
  marks.push(['pretty scrolled', await pageNow(app)])

  // Tree: expand one of ~450 000 items, jump to the end.
  await responseViewer.view('Tree').check()
  await responseViewer.expand('[0]').click()
  await expect(responseViewer.treeItem('name')).toHaveText(/"item 0"/)
  await responseViewer.tree().evaluate((element) => (element.scrollTop = element.scrollHeight - element.clientHeight))
  await expect(responseViewer.treeItems().last()).toContainText(/\[\d{5,}\]/)
  marks.push(['tree expanded and scrolled', await pageNow(app)])

  // Filter the whole document.
  await responseViewer.filter().fill('$[?@.id == 123456].owner.login')
  await responseViewer.filter().press('Enter')
  await expect(responseViewer.filterResult()).toHaveText('1 match', { timeout: 60_000 })
  await expect(responseViewer.tree()).toContainText('"user72"')
  marks.push(['filtered', await pageNow(app)])
  await shot('large-json-filtered')

  const all = await longTasks(app)
  // Each long task is named by the step it fell in, so a regression points at its cause.
  const stepOf = (at: number) => marks.filter(([, mark]) => mark <= at).at(-1)?.[0] ?? 'before send'
  const tasks = all.filter((task) => stepOf(task.start) !== 'screenshot')
  const longest = Math.max(0, ...tasks.map((task) => task.duration))
  const report =
    `${(body.length / 1e6).toFixed(1)} MB JSON: response ${arrived - started} ms; first view (tree) ${firstView - arrived} ms after it; ` +
    `pretty ${prettyShown - firstView} ms more; ${tasks.length} main-thread tasks over 50 ms, longest ${longest} ms` +
    (tasks.length ? ` [${tasks.map((task) => `${task.duration} ms after "${stepOf(task.start)}"`).join(', ')}]` : '') +
    `; screenshots took ${all.length - tasks.length} more`
  console.log(report)
  test.info().annotations.push({ type: 'performance', description: report })

  // The observer really sees main-thread work: a deliberate 300 ms block in a task of the page's own is recorded.
  const before = await pageNow(app)
  await app.evaluate(
    () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          const end = performance.now() + 300
          while (performance.now() < end);
          resolve()
        }),
      ),
  )
  await expect
    .poll(async () => (await longTasks(app)).filter((task) => task.start >= before - 1 && task.duration >= 290).length)
    .toBe(1)
  // Parsing, pretty-printing and filtering 50 MB happen in the worker: the page never froze for
  // long. A main-thread JSON.parse of this body alone blocks for longer than this (measured
  // here: the longest task under load was ~600 ms).
  expect(longest, report).toBeLessThan(2_000)
})

test('a body over the large-body threshold offers download or view, and views when asked', async ({
  app,
  requestEditor,
  responseViewer,
  responseTarget,
  shot,
}) => {
  test.setTimeout(240_000)
  // 60 MB stops at the 50 MB response cap (sizes in units of 1024, as Settings takes them), which is the viewer's threshold too.
  await requestEditor.url().fill(responseTarget.url('/large-60.json'))
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK', { timeout: 60_000 })
  const gate = responseViewer.largeGate()
  await expect(gate).toContainText('This body is 50.0 MB')
  await expect(responseViewer.largeGateDownload()).toHaveAttribute('href', /\/body\?download=1$/)
  await expect(responseViewer.region()).toContainText('Only the first 50.0 MB were kept')
  await shot('large-body-gate')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('large-body-gate-dark')

  await responseViewer.viewAnyway().click()
  // Cut off mid-document, it is no longer JSON: shown as text, and says so.
  await expect(responseViewer.region()).toContainText('Not valid JSON', { timeout: 60_000 })
  await expect(responseViewer.prettyLines()).toContainText('"id":0,"name":"item 0"', { timeout: 60_000 })
})

test('the large-body threshold is a setting', async ({ workspace, requestEditor, responseViewer, responseTarget }) => {
  await workspace.setLargeBodyThreshold('1')
  try {
    await requestEditor.url().fill(responseTarget.url('/large-2.json'))
    await requestEditor.send()
    await expect(responseViewer.status()).toHaveText('200 OK')
    await expect(responseViewer.largeGate()).toContainText('Bodies of 1.00 MB or more are not opened automatically')
  } finally {
    await workspace.setLargeBodyThreshold('50')
  }
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.largeGate()).toHaveCount(0)
})
