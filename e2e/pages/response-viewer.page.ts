import type { Locator, Page } from '@playwright/test'

export class ResponseViewerPage {
  constructor(private readonly page: Page) {}

  readonly region = () => this.page.getByRole('region', { name: 'Response', exact: true })
  readonly status = () => this.page.getByRole('status', { name: 'Response status' })
  /** Status, time and sizes: one group whose text a screen reader reads as it is ("Response time 12 ms"). */
  readonly summary = () => this.region().getByRole('group', { name: 'Response summary' })
  readonly time = () => this.summary().getByText(/^Response time \d/)
  readonly size = () => this.summary().getByText(/^Response size (\d|no response)/)
  readonly wireSize = () => this.page.getByLabel('Body size on the wire')
  readonly headersSize = () => this.page.getByLabel('Headers size')
  readonly httpVersion = () => this.page.getByLabel('HTTP version')
  readonly alert = () => this.region().getByRole('alert')
  readonly tab = (name: string) => this.region().getByRole('tab', { name, exact: true })
  readonly panel = (name: string) => this.region().getByRole('tabpanel', { name })
  readonly view = (name: string) =>
    this.page.getByRole('radiogroup', { name: 'Body view' }).getByRole('radio', { name, exact: true })
  readonly prettyBody = () => this.region().locator('.monaco-editor')
  /** The pretty view of a body too large for Monaco: virtualised plain lines. */
  readonly prettyLines = () => this.region().getByRole('region', { name: 'Response body' })
  readonly rawBody = () => this.page.getByLabel('Raw response body')
  /** The Events view of an event-stream body: one row per event. */
  readonly eventsTable = () => this.region().getByRole('table', { name: 'Events' })
  /** The Raw view's toggle: long lines wrap at the view's width. */
  readonly wrapLines = () => this.region().getByRole('checkbox', { name: 'Wrap lines' })
  readonly image = () => this.region().getByRole('img')
  readonly testSummary = () => this.region().getByLabel('Test summary')
  readonly testResults = () => this.region().getByRole('list', { name: 'Test results' })
  readonly testResult = (name: string) => this.testResults().getByRole('listitem').filter({ hasText: name })
  readonly console = () => this.region().getByRole('region', { name: 'Console' })
  readonly headersTable = () => this.page.getByRole('table', { name: 'Response headers' })
  readonly headerSearch = () => this.region().getByRole('searchbox', { name: 'Search headers' })
  readonly waterfall = () => this.region().getByRole('table', { name: 'Timing waterfall' })
  readonly redirectChain = () => this.region().getByRole('list', { name: 'Redirect chain' })
  readonly partialBadge = () => this.region().getByLabel('Partial response')
  readonly partialBodyNote = () => this.region().getByRole('note', { name: 'Partial body' })
  readonly droppedNotes = () => this.redirectChain().getByRole('note', { name: 'Not sent to this origin' })
  readonly cookiesTable = () => this.region().getByRole('table', { name: 'Response cookies' })
  readonly sentHeaders = () => this.region().getByRole('table', { name: 'Request headers sent' })
  readonly finalUrl = () => this.region().getByLabel('Final URL')
  readonly pdfPreview = () => this.region().locator('iframe[title="PDF preview"]')
  readonly phase = (name: string) => this.waterfall().getByRole('rowheader', { name, exact: true })
  readonly phaseRow = (name: RegExp) => this.waterfall().getByRole('row', { name })
  readonly hops = () => this.redirectChain().getByRole('listitem')
  /** The chain's last row when the send failed there, and the sentence saying why. */
  readonly stoppedHop = () => this.redirectChain().getByRole('listitem', { name: 'Stopped here' })
  readonly finalHop = () => this.redirectChain().getByRole('listitem', { name: 'Final answer' })
  readonly stopReason = () => this.stoppedHop().getByRole('note', { name: 'Why it stopped' })
  /** A retried send: the count in the status line, and every attempt under it. */
  readonly attemptsCount = () => this.region().getByLabel('Retry attempts', { exact: true })
  readonly attempts = () => this.region().getByRole('region', { name: 'Attempts' })
  readonly attemptRows = () => this.attempts().getByRole('listitem')
  readonly waterfallRows = () => this.waterfall().getByRole('row')
  /** The summary that opens a hop's headers ("3 response headers, …"). */
  readonly hopHeadersToggle = (index: number) =>
    this.hops()
      .nth(index)
      .getByText(/response headers?,/)
  readonly hopHeaders = (index: number) =>
    this.hops()
      .nth(index)
      .getByRole('table', { name: `Hop ${index + 1} response headers` })
  readonly cookieRows = () => this.cookiesTable().getByRole('row')
  readonly sentHeader = (name: RegExp) => this.sentHeaders().getByRole('row', { name })
  readonly headerRows = () => this.headersTable().getByRole('row')
  readonly headerName = (name: string) => this.headersTable().getByText(name, { exact: true })
  readonly copyHeader = (name: string) => this.headersTable().getByRole('button', { name: `Copy ${name}` })
  readonly htmlFrame = () => this.page.frameLocator('iframe[title="HTML preview"]')
  readonly htmlPreviewHeading = (name: string) => this.htmlFrame().getByRole('heading', { name })
  /** The text the previewed page's own script would change, were it allowed to run. */
  readonly htmlPreviewState = () => this.htmlFrame().locator('#state')
  readonly prettyLine = (text: string) => this.prettyBody().locator('.view-line').filter({ hasText: text })
  readonly copyPath = (item: Locator, key: string) => item.getByRole('button', { name: `Copy path of ${key}` })
  readonly copyValue = (item: Locator, key: string) => item.getByRole('button', { name: `Copy value of ${key}` })
  readonly largeGate = () => this.region().getByRole('group', { name: 'Large response' })
  readonly largeGateDownload = () => this.largeGate().getByRole('link', { name: /^Download / })
  readonly viewAnyway = () => this.largeGate().getByRole('button', { name: 'View anyway' })
  readonly htmlPreview = () => this.region().locator('iframe[title="HTML preview"]')
  readonly tree = () => this.region().getByRole('tree', { name: 'JSON tree' })
  readonly treeItems = () => this.tree().getByRole('treeitem')
  /** The row the keyboard is on (the tree's aria-activedescendant, marked aria-selected). */
  readonly activeTreeItem = () => this.tree().getByRole('treeitem', { selected: true })
  /** The tree row whose key is exactly `key` (`title`, `[2]`). */
  readonly treeItem = (key: string) =>
    this.tree().getByRole('treeitem', { name: new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `) })
  readonly expand = (key: string) => this.tree().getByRole('button', { name: `Expand ${key}`, exact: true })
  readonly collapse = (key: string) => this.tree().getByRole('button', { name: `Collapse ${key}`, exact: true })
  readonly filter = () => this.region().getByRole('searchbox', { name: 'JSONPath filter' })
  readonly filterResult = () => this.region().getByRole('status', { name: 'Filter result' })
  readonly download = () => this.region().getByRole('link', { name: 'Download' })
  readonly hexDump = () => this.region().getByLabel('Hex dump')
  readonly pagination = () => this.region().getByRole('group', { name: 'Pagination' })
  readonly rateLimit = () => this.region().getByRole('group', { name: 'Rate limit' })
  readonly sendNextPage = () => this.pagination().getByRole('button', { name: 'Send next page' })

  /** The text of the Raw view's `index`-th drawn row (0: the first in the DOM, which may be above sight). */
  readonly rawRowText = (index: number) =>
    this.rawBody().locator('.lines-view__block .lines-view__row .lines-view__text').nth(index)

  /** Selects with the mouse from the start of one drawn Raw row to the middle of another. */
  async selectRawRows(from: number, to: number) {
    const start = (await this.rawRowText(from).boundingBox())!
    const end = (await this.rawRowText(to).boundingBox())!
    await this.page.mouse.move(start.x + 2, start.y + start.height / 2)
    await this.page.mouse.down()
    await this.page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 5 })
    await this.page.mouse.up()
  }

  /**
   * What the Raw view draws: each row's line number (blank where a line continues) and text, top
   * to bottom, the row at the top of what is in sight, and whether it scrolls sideways.
   */
  async rawLayout() {
    return this.rawBody().evaluate((box) => {
      const sightTop = box.getBoundingClientRect().top
      const rows = [...box.querySelectorAll('.lines-view__block .lines-view__row')]
        .map((row) => ({
          top: row.getBoundingClientRect().top,
          number: row.querySelector('.lines-view__number')?.textContent ?? '',
          text: row.querySelector('.lines-view__text')?.textContent ?? '',
        }))
        .sort((a, b) => a.top - b.top)
      const top = rows.find((row) => row.top >= sightTop - 1)
      return {
        numbers: rows.map((row) => row.number),
        texts: rows.map((row) => row.text),
        top: { number: top?.number ?? '', text: top?.text ?? '' },
        scrollsSideways: box.scrollWidth > box.clientWidth,
      }
    })
  }

  /** Resolves once the PDF preview's frame has loaded the document it shows. */
  async waitForPdf() {
    const frame = await (await this.pdfPreview().elementHandle())?.contentFrame()
    await frame?.waitForLoadState('load')
  }
}
