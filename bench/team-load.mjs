// Team load: 50 simulated editors for 5 minutes against two `courier serve --team` instances on one
// PostgreSQL (a fresh schema of courier_test, or TEST_DATABASE_URL's database, dropped at the end).
// Half the editors work on each instance, each holding its event stream open. Each save carries
// the version it read; the bench checks afterwards that every acknowledged save is in the version
// history with its value and that the final state holds every editor's last acknowledged value.
//
//   cd apps/proxy && node build.mjs && cd ../.. && node bench/team-load.mjs [seconds]
//   DURATION=60 EDITORS=50 REQUESTS=20 THINK_MS=750 COLLIDE=0.3 OBSERVERS=5 node bench/team-load.mjs
//
// Exits 1 when an acknowledged save was lost (or silently overwritten), 2 when the run broke.
import { loadavg } from 'node:os'
import { isDeepStrictEqual } from 'node:util'
import { percentile, requireFromProxy } from './support.mjs'
import { fieldOf, holdEventStream, runEditor } from './team-editors.mjs'
import { buildTeam, call, freshSchema, inBatches, startTeamServer, teamEnv } from './team-servers.mjs'

const { Agent } = requireFromProxy('undici')
const number = (value, fallback) => (value === undefined || value === '' ? fallback : Number(value))
const seconds = number(process.argv[2] ?? process.env.DURATION, 300)
const editorCount = number(process.env.EDITORS, 50)
const requestCount = number(process.env.REQUESTS, 20)
const thinkMs = number(process.env.THINK_MS, 750)
const collideShare = number(process.env.COLLIDE, 0.3)
const observerCount = number(process.env.OBSERVERS, 5)
const OWN_FIELDS = ['headers', 'body', 'name']

const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 })
const cleanups = []
const stamp = (line) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`)
const fmt = (values) =>
  values.length === 0
    ? 'n/a'
    : `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})`

async function main() {
  const schema = await freshSchema()
  cleanups.push(() => schema.drop())
  const env = teamEnv(schema.url)
  stamp(`schema ${schema.name}; starting two instances`)
  const a = await startTeamServer(env, 'a')
  cleanups.push(() => a.stop())
  const b = await startTeamServer(env, 'b')
  cleanups.push(() => b.stop())
  const instances = [a, b]
  stamp(`instances at ${a.url} and ${b.url}; adding ${editorCount + 1} people and tokens with the CLI`)
  const team = await buildTeam({
    env: { ...env, COURIER_PUBLIC_URL: a.url },
    agent,
    origin: a.url,
    editors: editorCount,
    requests: requestCount,
  })

  // Editor i: instance i % 2; its own field is field ⌊i / requests⌋ of request i % requests.
  const editors = team.people.map((person, index) => ({
    person,
    index,
    instance: index % 2,
    ownRequest: index % requestCount,
    ownField: OWN_FIELDS[Math.floor(index / requestCount) % OWN_FIELDS.length],
  }))
  if (editorCount > requestCount * OWN_FIELDS.length) throw new Error('More editors than own fields: add REQUESTS')
  // arrivals[instance][observer] : Map `${id}:${version}` → arrival time
  const arrivals = [[], []]
  const streams = await inBatches(editors, 8, async (editor) => {
    const observing = arrivals[editor.instance].length < observerCount
    const seen = observing ? new Map() : null
    if (seen) arrivals[editor.instance].push(seen)
    return holdEventStream(agent, instances[editor.instance].url, editor.person, team.workspaceId, (event, at) => {
      if (seen && event.kind === 'item') seen.set(`${event.id}:${event.version}`, at)
    })
  })
  cleanups.push(() => streams.forEach((s) => s.close()))
  stamp(`${editors.length} editors joined as editors with streams open; running ${seconds} s`)

  const records = { saveMs: [], acks: [], conflicts: [], errors: [] }
  const loads = [loadavg()[0]]
  const sampler = setInterval(() => loads.push(loadavg()[0]), 5000)
  const started = performance.now()
  const endAt = started + seconds * 1000
  const progress = setInterval(
    () => stamp(`${records.acks.length} saves acknowledged, ${records.conflicts.length} conflicts so far`),
    30_000,
  )
  const common = { agent, workspaceId: team.workspaceId, collectionId: team.collectionId, itemIds: team.itemIds }
  await Promise.all(
    editors.map((editor) =>
      runEditor(editor, { ...common, origin: instances[editor.instance].url, endAt, thinkMs, collideShare, records }),
    ),
  )
  const elapsed = (performance.now() - started) / 1000
  clearInterval(progress)
  clearInterval(sampler)

  // Every acknowledged save's event at every observer on the other instance (up to 15 s more).
  const missing = () =>
    records.acks.reduce(
      (n, ack) => n + arrivals[1 - ack.instance].filter((seen) => !seen.has(`${ack.itemId}:${ack.version}`)).length,
      0,
    )
  const waitUntil = performance.now() + 15_000
  while (missing() > 0 && performance.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 100))
  const deliveryMs = []
  const fromStartMs = []
  for (const ack of records.acks)
    for (const seen of arrivals[1 - ack.instance]) {
      const at = seen.get(`${ack.itemId}:${ack.version}`)
      if (at === undefined) continue
      deliveryMs.push(at - ack.at)
      fromStartMs.push(at - ack.started)
    }

  stamp(`checking ${records.acks.length} acknowledged saves against the version history and the final state`)
  const verdict = await verify(team, instances[0].url, records.acks)
  const sorted = [...loads].sort((x, y) => x - y)
  const byField = (field) =>
    records.conflicts.filter((c) => (field === 'url' ? c.field === 'url' : c.field !== 'url')).length
  const merged = records.acks.filter((ack) => ack.merged).length
  const lines = [
    `team load: ${editors.length} editors on 2 instances, ${requestCount} requests, ${elapsed.toFixed(0)} s, think ${thinkMs} ms, URL edits ${Math.round(collideShare * 100)}%`,
    `acknowledged saves: ${records.acks.length} (${merged} merged with others' changes), ${(records.acks.length / elapsed).toFixed(1)} saves/s`,
    `lost acknowledged writes: ${verdict.lost}`,
    `silent overwrites detected: ${verdict.silent}`,
    `conflicts surfaced (409 STORAGE_CONFLICT): ${records.conflicts.length} (URL ${byField('url')}, own fields ${byField('own')}); gave up after 6 tries: ${records.errors.filter((e) => e.startsWith('PATCH 409')).length}`,
    `other errors: ${records.errors.length}${records.errors.length ? ` (first: ${records.errors[0]})` : ''}`,
    `save latency (PATCH, every attempt): ${fmt(records.saveMs)}`,
    `event delivery latency (ack → change event on ${observerCount} streams of the other instance): ${fmt(deliveryMs)}`,
    `event delivery latency (PATCH sent → change event there): ${fmt(fromStartMs)}`,
    `events not delivered after 15 s: ${missing()}; resyncs: ${streams.reduce((n, s) => n + s.state.resyncs, 0)}`,
    `load average (1 min) during the run: min ${sorted[0].toFixed(2)}, median ${percentile(sorted, 50).toFixed(2)}, max ${sorted.at(-1).toFixed(2)}; now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ]
  for (const detail of verdict.details.slice(0, 10)) lines.push(`  ✗ ${detail}`)
  process.stdout.write(`\n${lines.join('\n')}\n`)
  return verdict.lost + verdict.silent > 0 ? 1 : 0
}

/**
 * Lost: an acknowledged save whose version the history does not hold with its value, or an
 * editor's last acknowledged value (own field; per request, the newest acknowledged URL) that the
 * final state does not hold. Silent overwrite: a 200 whose answered value was not the editor's.
 */
async function verify(team, origin, acks) {
  const details = []
  let lost = 0
  let silent = 0
  for (const ack of acks)
    if (!isDeepStrictEqual(ack.answered, ack.value)) {
      silent++
      details.push(`save of ${ack.field} by editor ${ack.editor} answered 200 with another value (v${ack.version})`)
    }
  await inBatches(acks, 8, async (ack) => {
    const kept = await call(
      agent,
      origin,
      team.lead,
      'GET',
      `/api/versions/item/${ack.itemId}/${ack.version}`,
      undefined,
      team.workspaceId,
    )
    if (kept.status !== 200 || !isDeepStrictEqual(fieldOf(kept.body.data, ack.field), ack.value)) {
      lost++
      details.push(
        `v${ack.version} of request ${ack.requestIndex} does not hold editor ${ack.editor}'s ${ack.field} (${kept.status})`,
      )
    }
  })
  const trees = await call(agent, origin, team.lead, 'GET', '/api/collections', undefined, team.workspaceId)
  const items = new Map(trees.body.find((c) => c.id === team.collectionId).items.map((i) => [i.id, i]))
  const last = new Map()
  for (const ack of acks) {
    const key = ack.field === 'url' ? `${ack.itemId}:url` : `${ack.itemId}:${ack.field}:${ack.editor}`
    if ((last.get(key)?.version ?? -1) < ack.version) last.set(key, ack)
  }
  for (const ack of last.values())
    if (!isDeepStrictEqual(fieldOf(items.get(ack.itemId), ack.field), ack.value)) {
      lost++
      details.push(
        `the final request ${ack.requestIndex} lost editor ${ack.editor}'s last ${ack.field} (v${ack.version})`,
      )
    }
  return { lost, silent, details }
}

let status = 2
try {
  status = await main()
} catch (error) {
  process.stderr.write(`team load broke: ${error.stack ?? error}\n`)
} finally {
  for (const cleanup of cleanups.reverse())
    await Promise.resolve()
      .then(cleanup)
      .catch((error) => process.stderr.write(`cleanup: ${error.message}\n`))
  await agent.close()
}
process.exit(status)
