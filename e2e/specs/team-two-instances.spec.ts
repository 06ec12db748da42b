import { expect, test } from '@playwright/test'
import { joinTeam, signUp, type Person } from '../team-people.js'
import { teamDatabaseUrl, TeamServer } from '../team-server.js'

/**
 * Two `courier serve --team` processes on one PostgreSQL schema, as behind a load balancer: Ann's
 * browser talks to the first, Ben's to the second. A change Ann saves reaches Ben's open tab
 * through the database (no shared memory), within a second of her save being answered.
 */
test.describe.serial('two instances of one team server', () => {
  test.skip(!teamDatabaseUrl, 'the team server needs PostgreSQL: set TEST_DATABASE_URL (.ci/run does)')
  test.setTimeout(120_000)
  let first: TeamServer
  let second: TeamServer
  let ann: Person
  let ben: Person
  const request = 'List orders'
  const at = (path: string) => `https://api.example.com${path}`

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000)
    first = new TeamServer()
    await first.start()
    second = new TeamServer(first)
    await second.start()
    ann = await signUp(browser, first, 'ann@example.com', 'Ann', ['--owner'])
    ben = await signUp(browser, first, 'ben@example.com', 'Ben', [], second)
    await joinTeam(ann, ben, second)
  })

  test.afterAll(async () => {
    for (const who of [ann, ben]) await who?.context.close()
    await second?.dispose()
    await first?.dispose()
  })

  test('Ann saves on instance 1; Ben’s open tab on instance 2 shows it within 1 s of her save’s answer', async () => {
    expect(new URL(ann.page.url()).port).toBe(String(first.port))
    expect(new URL(ben.page.url()).port).toBe(String(second.port))
    await ann.workspace.showCollections()
    await ben.workspace.showCollections()
    await ann.workspace.newCollection('Shop')
    await expect(ben.workspace.row('Shop')).toBeVisible({ timeout: 5000 })
    await ann.workspace.rowAction('Shop', 'New request')
    await ann.workspace.renameAndWait(request)
    await ann.editor.url().fill(at('/orders'))
    await ann.page.keyboard.press('Control+s')
    await expect(ann.workspace.tabs().filter({ hasText: request })).not.toContainText('●')
    await ben.workspace.row('Shop').click()
    await ben.workspace.row(`GET ${request}`).click()
    await expect(ben.editor.url()).toHaveValue(at('/orders'))

    const latencies: number[] = []
    for (const page of [2, 3, 4]) {
      const url = at(`/orders?page=${page}`)
      await ann.editor.url().fill(url)
      const saved = ann.page.waitForResponse(
        (response) => response.request().method() === 'PATCH' && /\/api\/items\/[^/]+$/.test(response.url()),
      )
      await ann.page.keyboard.press('Control+s')
      expect((await saved).ok()).toBe(true)
      const answered = Date.now()
      await expect(ben.editor.url()).toHaveValue(url, { timeout: 1000 })
      latencies.push(Date.now() - answered)
    }
    await expect(ben.live.changedNote()).toHaveCount(0)
    test
      .info()
      .annotations.push({ type: 'latency', description: `save answered → Ben sees it: ${latencies.join(', ')} ms` })
    console.log(`two instances: save answered → shown on the other instance in ${latencies.join(', ')} ms`)
  })
})
