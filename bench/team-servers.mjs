// For team-load.mjs: a fresh PostgreSQL schema, two `courier serve --team` instances on it, and
// the team itself (people and API tokens made with the CLI, one Team workspace, a collection).
import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { freePort, requireFromProxy } from './support.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const courierBin = join(root, 'apps/proxy/bin/courier.mjs')
const run = promisify(execFile)

/** A new schema on the machine's courier_test database (or TEST_DATABASE_URL), as test/postgres.ts does. */
export async function freshSchema() {
  const pg = requireFromProxy('pg')
  const base = process.env.TEST_DATABASE_URL || 'postgres://courier:courier@127.0.0.1:5432/courier_test'
  const name = `courier_load_${randomBytes(6).toString('hex')}`
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  const quoted = `"${name}"`
  await admin(`CREATE SCHEMA ${quoted}`)
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`
  return { name, url, drop: () => admin(`DROP SCHEMA ${quoted} CASCADE`) }
}

/** The environment every instance and CLI call shares: one database, one data key. */
export function teamEnv(databaseUrl) {
  return { ...process.env, DATABASE_URL: databaseUrl, COURIER_SECRET_KEY: randomBytes(32).toString('base64') }
}

/** One `courier serve --team` on a free port with its own data folder. */
export async function startTeamServer(env, label) {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), `courier-load-${label}-`))
  const child = spawn(
    process.execPath,
    [courierBin, 'serve', '--team', '--host', '127.0.0.1', '--port', String(port)],
    {
      env: { ...env, COURIER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`courier serve --team (${label}) did not start:\n${output}`)),
      60_000,
    )
    const onExit = (code) => reject(new Error(`courier serve --team (${label}) exited with ${code}:\n${output}`))
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes('team server is listening at')) {
        clearTimeout(timer)
        child.off('exit', onExit)
        resolve()
      }
    })
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', onExit)
  })
  return {
    label,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** `courier …` against the database, as an operator types it; answers its stdout. */
async function cli(env, args) {
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout } = await run(process.execPath, [courierBin, ...args], { env, timeout: 120_000 })
      return stdout
    } catch (error) {
      // Kysely's migrator lists every schema's tables at start; a schema another test run drops in
      // that moment fails it ("schema … does not exist"). Nothing was written: try again.
      if (attempt >= 3 || !/schema "[^"]+" does not exist/.test(String(error.stderr))) throw error
      process.stderr.write(`courier ${args.slice(0, 2).join(' ')} met a concurrently dropped schema; again\n`)
    }
  }
}

/** Runs `work` over `items`, `width` at a time. */
export async function inBatches(items, width, work) {
  const results = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await work(items[i], i)
      }
    }),
  )
  return results
}

/** A person with an API token, made with `courier users add` and `courier tokens create`. */
async function addPerson(env, email, name, owner) {
  await cli(env, ['users', 'add', email, '--name', name, ...(owner ? ['--owner'] : [])])
  const printed = await cli(env, ['tokens', 'create', '--user', email, '--name', 'load bench'])
  const token = /(courier_\S+)/.exec(printed)?.[1]
  if (!token) throw new Error(`courier tokens create printed no token:\n${printed}`)
  return { email, name, token }
}

/** Calls the API as a person (Bearer token, no CSRF); answers { status, body }. */
export async function call(agent, origin, person, method, path, body, workspaceId) {
  const headers = { authorization: `Bearer ${person.token}` }
  if (workspaceId) headers['x-courier-workspace'] = workspaceId
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await agent.request({
    origin,
    path,
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.body.text()
  return { status: response.statusCode, body: text ? JSON.parse(text) : null }
}

function expectStatus(result, status, what) {
  if (result.status !== status) throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`)
  return result.body
}

/**
 * The team: a lead who owns the Team workspace, `editors` people who each accept an editor
 * invitation to it, and a collection of `requests` saved requests.
 */
export async function buildTeam({ env, agent, origin, editors, requests }) {
  const lead = await addPerson(env, 'lead@load.test', 'Lead', true)
  const people = await inBatches(
    Array.from({ length: editors }, (_, i) => i),
    4,
    (i) => addPerson(env, `editor${i}@load.test`, `Editor ${i}`, false),
  )
  const me = expectStatus(await call(agent, origin, lead, 'GET', '/api/me'), 200, 'GET /api/me')
  const team = me.workspaces.find((w) => w.kind === 'team')
  if (!team) throw new Error(`The lead has no team workspace: ${JSON.stringify(me.workspaces)}`)
  await inBatches(people, 4, async (person) => {
    const invitation = expectStatus(
      await call(agent, origin, lead, 'POST', `/api/workspaces/${team.id}/invitations`, { role: 'editor' }),
      201,
      'invite',
    )
    const token = new URLSearchParams(invitation.path.split('?')[1] ?? '').get('invite')
    if (!token) throw new Error(`The invitation names no token: ${invitation.path}`)
    expectStatus(await call(agent, origin, person, 'POST', '/api/invitations/accept', { token }), 200, 'accept')
  })
  const collection = expectStatus(
    await call(agent, origin, lead, 'POST', '/api/collections', { name: 'Load bench' }, team.id),
    201,
    'create collection',
  )
  const items = []
  for (let r = 0; r < requests; r++) {
    const request = { method: 'GET', url: `http://127.0.0.1:9/r${r}`, headers: [], body: { kind: 'none' } }
    const created = await call(
      agent,
      origin,
      lead,
      'POST',
      '/api/items',
      { kind: 'request', collectionId: collection.id, name: `Request ${r}`, request },
      team.id,
    )
    items.push(expectStatus(created, 201, 'create item'))
  }
  return { lead, people, workspaceId: team.id, collectionId: collection.id, itemIds: items.map((i) => i.id) }
}
