import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cleanEnv, runCommand as spawnCommand } from '../test/run-command.js'
import { tempDataDir } from '../test/temp-dir.js'
import { startUpstream, type ReceivedRequest } from '../test/upstream.js'
import { runCommand } from './run-command.js'

const NEWMAN = fileURLToPath(new URL('../../node_modules/newman/bin/newman.js', import.meta.url))

const script = (listen: 'prerequest' | 'test', ...exec: string[]) => ({
  listen,
  script: { type: 'text/javascript', exec },
})

/** One collection with most of what a Postman user's scripts do, including a failure and a 404. */
const COLLECTION = {
  info: { name: 'Verdicts', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'Login',
      event: [
        script('prerequest', "pm.variables.set('trace', 'it-' + pm.iterationData.get('user'))"),
        script(
          'test',
          "pm.test('status 200', () => pm.response.to.have.status(200))",
          "pm.environment.set('token', pm.response.json().token)",
          "pm.test('user echoed', () => pm.expect(pm.response.json().body).to.include(pm.iterationData.get('user')))",
        ),
      ],
      request: {
        method: 'POST',
        header: [
          { key: 'X-Trace', value: '{{trace}}' },
          { key: 'Content-Type', value: 'application/json' },
        ],
        url: '{{base}}/login',
        body: { mode: 'raw', raw: '{"user":"{{user}}"}' },
      },
    },
    {
      name: 'Profile',
      event: [
        script(
          'test',
          "pm.test('token from login', () => pm.expect(pm.response.json().auth).to.equal('Bearer tok-' + pm.iterationData.get('user')))",
          "tests['body has profile'] = responseBody.indexOf('profile') >= 0",
          "pm.test('base through pm.variables', () => pm.expect(pm.variables.get('base')).to.match(/^http:/))",
          "pm.test('deliberately fails', () => pm.expect(1).to.equal(2))",
          "postman.setNextRequest('Missing')",
        ),
      ],
      request: {
        method: 'GET',
        header: [{ key: 'Authorization', value: 'Bearer {{token}}' }],
        url: '{{base}}/profile',
      },
    },
    {
      name: 'Skipped by setNextRequest',
      event: [script('test', "pm.test('never runs', () => pm.expect(true).to.equal(true))")],
      request: { method: 'GET', url: '{{base}}/skipped' },
    },
    {
      name: 'Missing',
      event: [
        script(
          'test',
          "pm.test('is 404', () => pm.response.to.have.status(404))",
          "pm.test('is 200', () => pm.response.to.have.status(200))",
        ),
      ],
      request: { method: 'DELETE', url: '{{base}}/missing?x={{user}}' },
    },
  ],
}

type Verdicts = Record<string, boolean>

/** newman's JSON report as `iteration|request|test` → passed. */
function newmanVerdicts(report: {
  run: {
    executions: {
      item: { name: string }
      cursor: { iteration: number }
      assertions?: { assertion: string; error?: unknown }[]
    }[]
  }
}): Verdicts {
  const verdicts: Verdicts = {}
  for (const e of report.run.executions)
    for (const a of e.assertions ?? []) verdicts[`${e.cursor.iteration}|${e.item.name}|${a.assertion}`] = !a.error
  return verdicts
}

function courierVerdicts(report: {
  steps: { iteration: number; name: string; record: { scripts?: { tests: { name: string; passed: boolean }[] } } }[]
}): Verdicts {
  const verdicts: Verdicts = {}
  for (const s of report.steps)
    for (const t of s.record.scripts?.tests ?? []) verdicts[`${s.iteration}|${s.name}|${t.name}`] = t.passed
  return verdicts
}

/** What the server saw, without what tells one runner from the other (user agent, ids, connection headers). */
const seen = (received: ReceivedRequest[]) =>
  received.map((r) => {
    const header = (name: string) => r.headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null
    return {
      method: r.method,
      url: r.url,
      trace: header('x-trace'),
      authorization: header('authorization'),
      contentType: header('content-type'),
      body: r.body.toString(),
    }
  })

describe('courier run gives newman’s verdicts', () => {
  it('passes and fails the same tests per iteration and request, exits the same, and sends the same requests', async () => {
    const upstream = await startUpstream((request, response) => {
      response.setHeader('content-type', 'application/json')
      const user = /"user":"([^"]*)"/.exec(request.body.toString())?.[1] ?? ''
      if (request.url === '/login')
        return response.end(JSON.stringify({ token: `tok-${user}`, body: request.body.toString() }))
      if (request.url === '/profile')
        return response.end(JSON.stringify({ profile: true, auth: request.headers.authorization ?? null }))
      response.statusCode = 404
      response.end('{"error":"not here"}')
    })
    const dir = tempDataDir()
    const files = {
      collection: join(dir, 'verdicts.postman_collection.json'),
      environment: join(dir, 'local.postman_environment.json'),
      data: join(dir, 'users.csv'),
      newmanReport: join(dir, 'newman.json'),
      courierReport: join(dir, 'courier.json'),
    }
    writeFileSync(files.collection, JSON.stringify(COLLECTION))
    writeFileSync(
      files.environment,
      JSON.stringify({
        name: 'local',
        values: [{ key: 'base', value: upstream.url('').replace(/\/$/, ''), enabled: true }],
      }),
    )
    writeFileSync(files.data, 'user\nada\ngrace\n')
    const common = ['-e', files.environment, '-d', files.data]

    const newman = await spawnCommand(
      process.execPath,
      [NEWMAN, 'run', files.collection, ...common, '--reporters', 'json', '--reporter-json-export', files.newmanReport],
      dir,
      cleanEnv({ NO_COLOR: '1' }),
    )
    const newmanSaw = seen(upstream.received.splice(0))

    const out: string[] = []
    const courierExit = await runCommand(
      [files.collection, ...common, '--reporters', 'json', '--reporter-json-export', files.courierReport, '--silent'],
      { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } },
    )
    const courierSaw = seen(upstream.received.splice(0))

    const expected = newmanVerdicts(JSON.parse(readFileSync(files.newmanReport, 'utf8')))
    const actual = courierVerdicts(JSON.parse(readFileSync(files.courierReport, 'utf8')))
    // The collection exercises passes and failures in both iterations; the skipped request ran in neither.
    expect(Object.keys(expected)).toHaveLength(16)
    expect(Object.values(expected).filter((passed) => !passed)).toHaveLength(4)
    expect(actual).toEqual(expected)
    expect(newman.status).toBe(1)
    expect(courierExit).toBe(newman.status)
    expect(courierSaw).toEqual(newmanSaw)
    expect(newmanSaw.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /login',
      'GET /profile',
      'DELETE /missing?x=ada',
      'POST /login',
      'GET /profile',
      'DELETE /missing?x=grace',
    ])
  }, 60_000)

  it('differs on purpose on an untested request answering 404: newman passes it, courier run fails it', async () => {
    const { newman, courier } = await runBoth(
      { name: 'Untested', request: { method: 'GET', url: '{{base}}/missing' } },
      (_request, response) => {
        response.statusCode = 404
        response.end()
      },
    )
    // runner/run-collection.ts stepPassed: a run that checks nothing should still catch a broken endpoint.
    expect(newman.exit).toBe(0)
    expect(courier.exit).toBe(1)
  }, 60_000)

  // pm.variables (the local scope) lives for the whole run in both (runner/run-collection.ts runLocals).
  it('keeps pm.variables.set for the next request, as newman does', async () => {
    const { newman, courier } = await runBoth(
      [
        {
          name: 'Set',
          event: [script('prerequest', "pm.variables.set('lv', 'x')")],
          request: { method: 'GET', url: '{{base}}/a' },
        },
        {
          name: 'Read',
          event: [script('test', "pm.test('local survives', () => pm.expect(pm.variables.get('lv')).to.equal('x'))")],
          request: { method: 'GET', url: '{{base}}/b' },
        },
      ],
      (_request, response) => response.end('{}'),
    )
    expect(newman.verdicts).toEqual({ '0|Read|local survives': true })
    expect(courier.verdicts).toEqual(newman.verdicts)
  }, 60_000)
})

/** Runs a collection of `items` with newman's CLI and courier run against one server; their verdicts and exit codes. */
async function runBoth(items: unknown, handler: Parameters<typeof startUpstream>[0]) {
  const upstream = await startUpstream(handler)
  const dir = tempDataDir()
  const collection = join(dir, 'c.postman_collection.json')
  writeFileSync(collection, JSON.stringify({ ...COLLECTION, item: [items].flat() }))
  const base = [
    '--env-var',
    `base=${upstream.url('').replace(/\/$/, '')}`,
    '--reporters',
    'json',
    '--reporter-json-export',
  ]
  const newman = await spawnCommand(
    process.execPath,
    [NEWMAN, 'run', collection, ...base, join(dir, 'n.json')],
    dir,
    cleanEnv({ NO_COLOR: '1' }),
  )
  const quiet = { write: () => true }
  const exit = await runCommand([collection, ...base, join(dir, 'c.json'), '--silent'], {
    stdout: quiet,
    stderr: quiet,
  })
  return {
    newman: { exit: newman.status, verdicts: newmanVerdicts(JSON.parse(readFileSync(join(dir, 'n.json'), 'utf8'))) },
    courier: { exit, verdicts: courierVerdicts(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'))) },
  }
}
