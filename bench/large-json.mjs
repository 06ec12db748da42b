#!/usr/bin/env node
// Drives Chromium through 1, 10, 50 and 100 MB JSON responses in Courier's response viewer and
// prints, per size: time to the first useful view, time to Pretty, to a JSONPath filter, and the
// longest main-thread task (Long Tasks API) while loading, scrolling, expanding and filtering.
// Needs the built app and server: `pnpm --filter @courier/web build && (cd apps/proxy && node build.mjs)`.
// Usage: node bench/large-json.mjs [sizes in MB, default 1 10 50 100]
import { createServer } from 'node:http'
import { largeJson, requireFromE2e, startCourier } from './support.mjs'

const { chromium } = requireFromE2e('@playwright/test')
const sizes = process.argv.slice(2).map(Number).filter(Boolean)
if (sizes.length === 0) sizes.push(1, 10, 50, 100)

const bodies = new Map(sizes.map((mb) => [mb, largeJson(mb * 1000 * 1000)]))
const target = createServer((request, response) => {
  const mb = Number(/large-([\d.]+)\.json/.exec(request.url ?? '')?.[1])
  const body = bodies.get(mb)
  if (!body) return response.writeHead(404).end()
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body)
})
await new Promise((resolve) => target.listen(0, '127.0.0.1', resolve))
const targetUrl = `http://127.0.0.1:${target.address().port}`

const courier = await startCourier()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})

const rows = []
try {
  for (const mb of sizes) {
    const body = bodies.get(mb)
    const items = JSON.parse(body.toString()).length
    const page = await browser.newPage({ viewport: { width: 1360, height: 840 } })
    // A fresh one-time link per page: each page is its own browser context.
    await page.goto(await courier.freshLoginUrl())
    // Sent through the API with the size cap raised, then opened from history as a person would.
    const sent = await page.evaluate(
      async ({ url }) => {
        // The page's own session: its cookie goes along, its CSRF token is in the page.
        const token = document.querySelector('meta[name="courier-token"]')?.getAttribute('content') ?? ''
        const response = await fetch('/api/send', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-courier-token': token },
          body: JSON.stringify({ request: { method: 'GET', url, settings: { maxResponseBytes: 200_000_000 } } }),
        })
        return response.json()
      },
      { url: `${targetUrl}/large-${mb}.json` },
    )
    if (sent.sizes?.body !== body.length)
      throw new Error(`send failed: ${JSON.stringify(sent.error ?? sent).slice(0, 300)}`)
    await page.reload()
    // Let the app settle as a person's would (it loads the editor chunk when idle), then watch.
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(2500)
    await page.evaluate(() => {
      window.__longTasks = []
      window.__step = 'open'
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push([Math.round(entry.duration), window.__step])
      }).observe({ type: 'longtask' })
    })
    const step = (name) => page.evaluate((value) => (window.__step = value), name)
    const region = page.getByRole('region', { name: 'Response' })
    const t0 = Date.now()
    await page
      .getByRole('navigation', { name: 'History' })
      .getByRole('button', { name: new RegExp(`large-${mb}\\.json`) })
      .first()
      .click()
    let gate = ''
    const viewAnyway = region.getByRole('button', { name: 'View anyway' })
    const tree = region.getByRole('tree', { name: 'JSON tree' })
    const monaco = region.locator('.monaco-editor .view-line').first()
    const lines = region.getByRole('region', { name: 'Response body' })
    const anyView = () =>
      [tree.getByRole('treeitem', { name: /^\[0\]: / }), monaco, lines.getByText('"id": 0,')].map((view) =>
        view.waitFor({ timeout: 120_000 }),
      )
    await Promise.race([viewAnyway.waitFor({ timeout: 120_000 }), ...anyView()])
    let start = t0
    if (await viewAnyway.isVisible()) {
      gate = `offered after ${Date.now() - t0} ms`
      start = Date.now()
      await viewAnyway.click()
    }
    // First useful view: Monaco for small bodies, virtual pretty lines up to 2 MB, the tree above.
    await Promise.race(anyView())
    const firstView = Date.now() - start

    const radio = (name) =>
      page.getByRole('radiogroup', { name: 'Body view' }).getByRole('radio', { name, exact: true })
    let t = Date.now()
    await step('pretty')
    await radio('Pretty').check()
    const usesLines = (await region.locator('.monaco-editor').count()) === 0
    if (usesLines) {
      await lines.getByText('"name": "item 0"').waitFor({ timeout: 120_000 })
      await lines.evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
      await lines.evaluate((element) => (element.scrollTop = element.scrollHeight))
      await lines.getByText(`"id": ${items - 1},`).waitFor({ timeout: 30_000 })
    } else {
      await region.locator('.monaco-editor').getByText('"item 0"').first().waitFor({ timeout: 60_000 })
    }
    const prettyMs = Date.now() - t

    await step('tree')
    await radio('Tree').check()
    t = Date.now()
    await tree.getByRole('button', { name: 'Expand [0]', exact: true }).click()
    await tree.getByRole('treeitem', { name: /^name: "item 0"/ }).waitFor()
    await tree.evaluate((element) => (element.scrollTop = element.scrollHeight))
    await tree.getByRole('treeitem', { name: new RegExp(`^\\[${items - 1}\\]: `) }).waitFor({ timeout: 30_000 })
    const expandMs = Date.now() - t

    await step('filter')
    t = Date.now()
    const filter = region.getByRole('searchbox', { name: 'JSONPath filter' })
    await filter.fill(`$[?@.id == ${items - 2}].owner.login`)
    await filter.press('Enter')
    await region.getByRole('status', { name: 'Filter result' }).getByText('1 match').waitFor({ timeout: 120_000 })
    const filterMs = Date.now() - t

    const tasks = await page.evaluate(() => window.__longTasks)
    rows.push({
      size: `${mb} MB`,
      items,
      gate: gate || '—',
      firstView,
      prettyMs,
      expandMs,
      filterMs,
      longestTask: Math.max(0, ...tasks.map(([ms]) => ms)),
      over200: tasks.filter(([ms]) => ms > 200).length,
    })
    console.log(`${mb} MB: tasks over 50 ms: ${tasks.map(([ms, during]) => `${ms} (${during})`).join(', ') || 'none'}`)
    await page.close()
  }
} finally {
  await browser.close()
  await courier.stop()
  target.close()
}

console.log(
  '\nsize    items    first view   pretty   expand+scroll   filter   longest task   tasks>200ms   large-body gate',
)
for (const row of rows) {
  console.log(
    `${row.size.padEnd(7)} ${String(row.items).padStart(7)}  ${`${row.firstView} ms`.padStart(10)}  ${`${row.prettyMs} ms`.padStart(7)}  ${`${row.expandMs} ms`.padStart(14)}  ${`${row.filterMs} ms`.padStart(7)}  ${`${row.longestTask} ms`.padStart(12)}  ${String(row.over200).padStart(11)}   ${row.gate}`,
  )
}
