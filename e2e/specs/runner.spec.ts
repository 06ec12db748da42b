import { readFileSync } from 'node:fs'
import { expect, test } from '../fixtures.js'
import { RunnerPage } from '../pages/runner.js'

const unique = () => Math.random().toString(36).slice(2, 7)

test('a collection runs over a data file: steps live, Failed filter, chai’s message, Rerun failed, Export JSON, kept runs', async ({
  app,
  workspace,
  requestEditor,
  target,
  shot,
}) => {
  const name = `Runs ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)

  // Greet uses the row's {{name}} and checks the echo against the row's `expected`: bob's row fails.
  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait('Greet')
  await requestEditor.url().fill(target.url('/greet?name={{name}}'))
  await requestEditor.writeScript(
    'Post-response',
    "pm.test('greets ' + pm.iterationData.get('name'), () => pm.expect(pm.response.json().query.name).to.eql([pm.iterationData.get('expected')]))\n",
  )
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Greet' })).not.toContainText('●')

  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait('Health')
  await requestEditor.url().fill(target.url('/status/200'))
  await requestEditor.writeScript('Post-response', "pm.test('is up', () => pm.response.to.have.status(200))\n")
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Health' })).not.toContainText('●')

  const runner = new RunnerPage(app)
  await workspace.rowAction(name, 'Run collection')
  await expect(runner.setup()).toContainText(name)
  await expect(runner.keepVariables()).toBeChecked()
  await runner.chooseDataFile('people.csv', 'name,expected\nann,ann\nbob,rob\n')
  await expect(runner.setup()).toContainText('2 rows · columns name, expected')
  await expect(runner.iterations()).toHaveValue('2')
  await runner.delay().fill('300')
  await shot('runner-setup')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('runner-setup-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await runner.runButton().click()
  await expect(runner.progress()).toHaveAttribute('max', '4')
  await expect(runner.state()).toContainText('Finished')
  await expect(runner.progress()).toHaveAttribute('value', '4')
  await expect(runner.stepRows()).toHaveCount(4)
  await expect(runner.step('Greet', 1)).toContainText('Passed')
  await expect(runner.step('Health', 1)).toContainText('Passed')
  await expect(runner.step('Greet', 2)).toContainText('Failed')
  await expect(runner.step('Greet', 2)).toContainText('0/1')
  await expect(runner.step('Health', 2)).toContainText('Passed')
  await expect(runner.state()).toContainText('3 passed, 1 failed')

  await runner.filter('Failed').check()
  await expect(runner.stepRows()).toHaveCount(1)
  await runner.details('Greet', 2).click()
  await expect(runner.testsOf('Greet', 2)).toContainText('Failed: greets bob')
  await expect(runner.testsOf('Greet', 2)).toContainText("expected [ 'bob' ] to deeply equal [ 'rob' ]")
  await shot('runner-failure-expanded')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('runner-failure-expanded-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  const download = app.waitForEvent('download')
  await runner.exportAs('JSON').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.json$/)
  const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as unknown
  const text = JSON.stringify(exported)
  expect(text).toContain(name)
  expect(text).toContain("expected [ 'bob' ] to deeply equal [ 'rob' ]")
  for (const request of ['Greet', 'Health']) expect(text).toContain(request)

  // Rerun failed: only Greet again, over both rows; the first run is still kept.
  const sentBefore = target.received.length
  await runner.rerunFailed().click()
  await expect(runner.state()).toContainText('Finished')
  await expect(runner.stepRows()).toHaveCount(2)
  await expect(runner.step('Greet', 1)).toBeVisible()
  await expect(runner.step('Greet', 2)).toContainText('Failed')
  expect(target.received.slice(sentBefore).map((received) => received.url)).toEqual([
    '/greet?name=ann',
    '/greet?name=bob',
  ])

  await runner.keptRunsButton().click()
  await expect(runner.keptRunRows()).toHaveCount(2)
  await shot('runner-kept-runs')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('runner-kept-runs-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await runner.openRun(1).click()
  await expect(runner.stepRows()).toHaveCount(4)
  await runner.openInEditor('Health').click()
  await expect(requestEditor.url()).toHaveValue(target.url('/status/200'))
})

test('a running run shows its steps as they come and stops on Stop', async ({
  app,
  workspace,
  requestEditor,
  target,
  shot,
}) => {
  const name = `Slow ${unique()}`
  await workspace.showCollections()
  await workspace.newCollection(name)
  await workspace.rowAction(name, 'New request')
  await workspace.renameAndWait('Ping')
  await requestEditor.url().fill(target.url('/status/204'))
  await app.keyboard.press('Control+s')
  await expect(workspace.tabs().filter({ hasText: 'Ping' })).not.toContainText('●')

  const runner = new RunnerPage(app)
  await workspace.rowAction(name, 'Run collection')
  await runner.iterations().fill('3')
  // A minute between requests: the run waits after its first step until Stop ends the wait.
  await runner.delay().fill('60000')
  await runner.runButton().click()
  await expect(runner.stepRows()).toHaveCount(1)
  await expect(runner.state()).toContainText('Running')
  await expect(runner.progress()).toHaveAttribute('max', '3')
  await expect(runner.progress()).toHaveAttribute('value', '1')
  await shot('runner-running')
  await app.emulateMedia({ colorScheme: 'dark' })
  await shot('runner-running-dark')
  await app.emulateMedia({ colorScheme: 'light' })

  await runner.stopButton().click()
  await expect(runner.state()).toContainText('Stopped')
  await expect(runner.stopButton()).toBeHidden()
  await expect(runner.stepRows()).toHaveCount(1)
  await expect(runner.step('Ping', 1)).toContainText('204')
})
