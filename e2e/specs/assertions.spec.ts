import { expect, test } from '../fixtures.js'
import { AssertionsPage } from '../pages/assertions.page.js'
import { VisualizerPage } from '../pages/visualizer.page.js'

test('assertions without code pass, then one fails with its sentence when the expected value changes', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  target.files.set('/person', { contentType: 'application/json', body: JSON.stringify({ name: 'Ada', id: 7 }) })
  const assertions = new AssertionsPage(app)
  await requestEditor.url().fill(target.url('/person'))
  await assertions.open()
  await assertions.add(1, 'Status code', 'equals', '200')
  await assertions.add(2, 'JSONPath', 'equals', 'Ada', '$.name')
  await expect(assertions.tab()).toContainText('2')

  // A bad regular expression says so under its row before anything is sent.
  await assertions.add(3, 'Body', 'matches regex', '(unclosed')
  await expect(assertions.expected(3)).toHaveAccessibleDescription(/^Not a valid regular expression/)
  await shot('assertions-editor-error')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('assertions-editor-error-dark')
  await app.emulateMedia({ colorScheme: 'light' })
  await assertions.remove(3).click()

  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await expect(responseViewer.tab('Tests')).toContainText('2/2')
  await responseViewer.tab('Tests').click()
  await expect(responseViewer.testSummary()).toHaveText('2 passed, 0 failed')
  await expect(responseViewer.testResult('$.name equals Ada')).toContainText('Passed')
  await expect(responseViewer.testResult('$.name equals Ada')).toContainText('assertion')

  await assertions.open()
  await assertions.expected(2).fill('Grace')
  await requestEditor.send()
  await expect(responseViewer.tab('Tests')).toContainText('1/2')
  await responseViewer.tab('Tests').click()
  await expect(responseViewer.testResult('$.name equals Grace')).toContainText('Failed')
  await expect(responseViewer.testResult('$.name equals Grace')).toContainText('Expected Grace, got Ada.')
  await shot('assertions-tests-tab')
})

const TEMPLATE = `
<table aria-label="People"><tr><th>Name</th><th>Role</th></tr>
{{#each people}}<tr><td>{{name}}</td><td>{{role}}</td></tr>{{/each}}</table>
<p role="status" aria-label="Data">waiting</p>
<p role="status" aria-label="Fetch">waiting</p>
<p role="status" aria-label="Cookie">waiting</p>
<script>
  pm.getData(function (err, data) {
    document.querySelector('[aria-label=Data]').textContent = 'data: ' + data.people.length + ' people'
  })
  fetch('/api/history').then(
    function (r) { return r.text().then(function (t) { document.querySelector('[aria-label=Fetch]').textContent = 'fetch answered ' + r.status + ' ' + t.slice(0, 40) }) },
    function () { document.querySelector('[aria-label=Fetch]').textContent = 'fetch refused' },
  )
  var cookie
  try { cookie = 'cookie: [' + document.cookie + ']' } catch (e) { cookie = 'cookie refused' }
  document.querySelector('[aria-label=Cookie]').textContent = cookie
</script>`

test('a test script’s visualizer shows the rows in a sandbox that reaches neither the API nor the cookie', async ({
  app,
  requestEditor,
  responseViewer,
  target,
  shot,
}) => {
  const people = [
    { name: 'Ada', role: 'admin' },
    { name: 'Grace', role: 'editor' },
    { name: 'Linus', role: 'viewer' },
  ]
  target.files.set('/people', { contentType: 'application/json', body: JSON.stringify({ people }) })
  const visualizer = new VisualizerPage(app)
  await requestEditor.url().fill(target.url('/people'))
  await requestEditor.writeScript(
    'Post-response',
    `pm.visualizer.set(${JSON.stringify(TEMPLATE)}, { people: pm.response.json().people })\n`,
  )
  await requestEditor.send()
  await expect(responseViewer.status()).toHaveText('200 OK')
  await visualizer.tab().click()
  await expect(visualizer.frameElement()).toHaveAttribute('sandbox', 'allow-scripts')
  await expect(visualizer.rows('People')).toHaveCount(4)
  await expect(visualizer.rows('People').nth(2)).toHaveText('Graceeditor')
  await expect(visualizer.probe('Data')).toHaveText('data: 3 people')
  await expect(visualizer.probe('Fetch')).toHaveText('fetch refused')
  await expect(visualizer.probe('Cookie')).toHaveText(/^cookie (refused|: \[\])$/)
  await shot('visualizer')
  await app.emulateMedia({ colorScheme: 'dark' })
  await visualizer.frameElement().evaluate((frame: HTMLIFrameElement) => frame.setAttribute('src', frame.src))
  await expect(visualizer.probe('Data')).toHaveText('data: 3 people')
  await shot('visualizer-dark')
})
