// For team-load.mjs: one simulated editor (an event stream held open, a loop of read → change →
// save with the version read) and the records the report is made of.
import { call } from './team-servers.mjs'

/** The change events a stream has seen: `${id}:${version}` → when it arrived (performance.now()). */
export async function holdEventStream(agent, origin, person, workspaceId, onEvent) {
  const controller = new AbortController()
  const response = await agent.request({
    origin,
    path: `/api/events?workspace=${encodeURIComponent(workspaceId)}`,
    method: 'GET',
    headers: { authorization: `Bearer ${person.token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  })
  if (response.statusCode !== 200) throw new Error(`GET /api/events: ${response.statusCode}`)
  let ready
  const isReady = new Promise((resolve) => (ready = resolve))
  const state = { changes: 0, resyncs: 0 }
  const reading = (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body) {
        const at = performance.now()
        buffer += decoder.decode(chunk, { stream: true })
        let cut
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const event = /^event: ?(.*)$/m.exec(block)?.[1]
          const data = /^data: ?(.*)$/m.exec(block)?.[1]
          if (event === 'ready') ready()
          else if (event === 'resync') state.resyncs++
          else if (event === 'change' && data) {
            state.changes++
            onEvent(JSON.parse(data), at)
          }
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error
    }
  })()
  reading.catch((error) => process.stderr.write(`event stream of ${person.email} failed: ${error.message}\n`))
  await isReady
  return { state, close: () => controller.abort() }
}

const random = (n) => Math.floor(Math.random() * n)

/**
 * The value an edit writes into `field` and where it lives. Own fields: a header row named for the
 * editor, a JSON body, the name (each held by one editor only: disjoint). The URL: anyone's (collides).
 */
export function editFor(field, editor, seq, requestIndex) {
  if (field === 'headers') return [[`x-editor-${editor.index}`, `seq-${seq}`, true]]
  if (field === 'body') return { kind: 'json', text: JSON.stringify({ editor: editor.index, seq }) }
  if (field === 'name') return `Request ${requestIndex} · editor ${editor.index} #${seq}`
  return `http://127.0.0.1:9/r${requestIndex}/e${editor.index}/${seq}`
}

/** The edited field's value in a saved request, as the versions and the final state hold it. */
export function fieldOf(item, field) {
  return field === 'name' ? item.name : item.request[field]
}

function patchFor(item, field, value) {
  if (field === 'name') return { version: item.version, name: value }
  return { version: item.version, request: { ...item.request, [field]: value } }
}

/**
 * Loops until `endAt`: read the collection, pick a request (the editor's own field on its own
 * request, or with `collideShare` the URL of any request), save with the version read. A 409 is a
 * surfaced conflict: the editor keeps its value and saves again on the conflict's current version.
 */
export async function runEditor(editor, run) {
  const { agent, origin, workspaceId, collectionId, itemIds, endAt, thinkMs, collideShare, records } = run
  let seq = 0
  while (performance.now() < endAt) {
    await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())))
    if (performance.now() >= endAt) break
    const collide = Math.random() < collideShare
    const requestIndex = collide ? random(itemIds.length) : editor.ownRequest
    const field = collide ? 'url' : editor.ownField
    const itemId = itemIds[requestIndex]
    const read = await call(agent, origin, editor.person, 'GET', '/api/collections', undefined, workspaceId)
    if (read.status !== 200) {
      records.errors.push(`GET /api/collections ${read.status}`)
      continue
    }
    let item = read.body.find((c) => c.id === collectionId).items.find((i) => i.id === itemId)
    const value = editFor(field, editor, ++seq, requestIndex)
    let attempt = 0
    for (; attempt < 6; attempt++) {
      const started = performance.now()
      const saved = await call(
        agent,
        origin,
        editor.person,
        'PATCH',
        `/api/items/${itemId}`,
        patchFor(item, field, value),
        workspaceId,
      )
      const at = performance.now()
      records.saveMs.push(at - started)
      if (saved.status === 200) {
        records.acks.push({
          editor: editor.index,
          instance: editor.instance,
          itemId,
          requestIndex,
          field,
          value,
          version: saved.body.version,
          answered: fieldOf(saved.body, field),
          merged: Boolean(saved.body.merged),
          baseVersion: item.version,
          started,
          at,
        })
        break
      }
      const error = saved.body?.error
      if (saved.status === 409 && error?.code === 'STORAGE_CONFLICT' && error.details?.current) {
        const fields = (error.details.conflicts ?? []).map((c) => c.field)
        records.conflicts.push({ editor: editor.index, field, itemId, fields, current: error.details.current.version })
        item = error.details.current
        continue
      }
      records.errors.push(`PATCH ${saved.status} ${JSON.stringify(saved.body).slice(0, 200)}`)
      break
    }
    if (attempt === 6) records.errors.push(`PATCH 409 six times in a row on ${field}`)
  }
}
